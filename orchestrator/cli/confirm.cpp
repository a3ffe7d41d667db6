#include "cli/confirm.h"

#include "cli/builds.h"
#include "cli/progress.h"

namespace benchctl::cli {
namespace {

// The job a stored result was measured as: its settings, its policy, no budgets.
suite::Job job_of(const store::ResultRecord& result) {
  suite::Job job;
  job.name = result.name;
  job.kind = result.kind;
  job.plugin = result.plugin;
  job.settings = result.settings.measure.overlaid_on(suite::builtin_defaults());
  const stats::Policy& policy = result.settings.policy;
  job.policy = {policy.alpha, policy.noise_floor, policy.warn,
                policy.fail,  policy.confidence,  policy.cpu_time};
  return job;
}

}  // namespace

plugin::PluginCatalog baseline_build(const std::string& directory) {
  return build_catalog("--confirm-with", directory);
}

void confirm_flagged(analysis::RunComparison& comparison, const std::string& directory,
                     const plugin::PluginCatalog& baseline, const store::RunRecord& current,
                     store::Store& store, const std::string& database) {
  if (std::none_of(comparison.benchmarks.begin(), comparison.benchmarks.end(),
                   [](const analysis::BenchmarkComparison& c) { return c.flagged(); }))
    return;
  const plugin::PluginCatalog current_build = recorded_catalog(current);
  runner::AbPlan plan;
  plan.a.suite.name = plan.b.suite.name = current.suite_name;
  plan.a.suite.file = plan.b.suite.file = current.suite_file;
  for (const analysis::BenchmarkComparison& c : comparison.benchmarks) {
    if (!c.flagged() || c.kind != store::ResultKind::benchmark)
      continue;
    const auto result =
        std::find_if(current.results.begin(), current.results.end(),
                     [&](const store::ResultRecord& r) { return r.name == c.name; });
    const suite::Job job = job_of(*result);
    const auto in_baseline = on_build(job, baseline);
    const auto in_current = on_build(job, current_build);
    if (in_baseline && in_current) {
      plan.a.jobs.push_back(*in_baseline);
      plan.b.jobs.push_back(*in_current);
    }
  }
  plan.a.plugins = baseline.plugins;
  plan.b.plugins = current_build.plugins;
  analysis::RunComparison ab;
  if (!plan.a.jobs.empty()) {
    runner::AbSettings settings;
    settings.label_a = "baseline build (" + directory + ")";
    settings.label_b = "current build";
    const runner::AbOutcome outcome = measure_ab(plan, store, database, settings);
    ab = analysis::compare_pairs(store.load_run(outcome.run_a), settings.label_a,
                                 store.load_run(outcome.run_b), settings.label_b, std::nullopt);
  }
  analysis::apply_confirmation(comparison, ab);
}

}  // namespace benchctl::cli
