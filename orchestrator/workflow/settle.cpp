#include "workflow/settle.h"

#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <iostream>

#include "runner/ab_runner.h"
#include "util/error.h"
#include "util/units.h"
#include "workflow/measuring.h"
#include "workflow/stored_build.h"

namespace benchctl::workflow {
namespace {

using analysis::BenchmarkComparison;
using stats::Verdict;

const store::ResultRecord* find_result(const store::RunRecord& run, const std::string& name) {
  const auto found = std::find_if(run.results.begin(), run.results.end(),
                                  [&](const store::ResultRecord& r) { return r.name == name; });
  return found == run.results.end() ? nullptr : &*found;
}

// Seconds one worker process of `result` takes: what its stored processes measured, plus the
// warm-up and a start.
double seconds_per_process(const store::ResultRecord& result) {
  double measured = 0;
  for (const store::ProcessRecord& process : result.processes) {
    for (const store::Sample& sample : process.samples)
      measured += sample.real_seconds.value_or(0);
  }
  if (!result.processes.empty())
    measured /= static_cast<double>(result.processes.size());
  return measured + result.settings.measure.warmup.value_or(0) + 0.1;
}

}  // namespace

Resolve parse_resolve(const std::string& text, const std::string& option) {
  if (text == "auto")
    return Resolve::automatic;
  if (text == "always")
    return Resolve::always;
  if (text == "never")
    return Resolve::never;
  throw UsageError(fmt::format("{} '{}': expected auto, always or never", option, text));
}

std::vector<std::string> benchmarks_to_settle(const analysis::RunComparison& comparison,
                                              Resolve resolve, bool verdicts_gated) {
  std::vector<std::string> names;
  if (comparison.paired || resolve == Resolve::never ||
      (resolve == Resolve::automatic && !verdicts_gated))
    return names;
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    if (c.standing != analysis::Standing::compared || c.unit != "time" ||
        c.kind != store::ResultKind::benchmark)
      continue;
    const Verdict verdict = c.result.verdict;
    const bool undecided = verdict == Verdict::inconclusive || verdict == Verdict::slower ||
                           verdict == Verdict::regression;
    if (undecided || (resolve == Resolve::always && verdict == Verdict::improved))
      names.push_back(c.name);
  }
  return names;
}

namespace {

// The pairs to measure: each benchmark both builds have, and the measuring time it may take.
struct PairPlan {
  runner::AbPlan plan;
  double least_seconds = 0, most_seconds = 0;
};

PairPlan plan_pairs(const std::vector<std::string>& benchmarks, const store::RunRecord& current,
                    const Build& before, const Build& after) {
  PairPlan planned;
  runner::AbPlan& plan = planned.plan;
  plan.a.suite.name = plan.b.suite.name = current.suite_name;
  plan.a.suite.file = plan.b.suite.file = current.suite_file;
  const runner::AbSettings defaults;
  for (const std::string& name : benchmarks) {
    const store::ResultRecord* result = find_result(current, name);
    if (result == nullptr)
      continue;  // measured only by an older run of the current side
    const suite::Job job = job_of_result(*result);
    const auto in_before = on_build(job, before.catalog);
    const auto in_after = on_build(job, after.catalog);
    if (!in_before || !in_after)
      continue;  // apply_pairs says which build lacks it
    plan.a.jobs.push_back(*in_before);
    plan.b.jobs.push_back(*in_after);
    planned.least_seconds += 2 * defaults.min_pairs * seconds_per_process(*result);
    planned.most_seconds += 2 * defaults.max_pairs * seconds_per_process(*result);
  }
  plan.a.plugins = before.catalog.plugins;
  plan.b.plugins = after.catalog.plugins;
  return planned;
}

// Measures the planned pairs as an A/B and compares them; the settlement records how.
analysis::RunComparison measure_pairs(const PairPlan& planned, const Build& before,
                                      const Build& after, store::Store& store,
                                      const std::string& database,
                                      analysis::Settlement& settlement) {
  const runner::AbPlan& plan = planned.plan;
  if (isatty(STDERR_FILENO)) {
    const runner::AbSettings defaults;
    std::cerr << fmt::format(
        "Settling {} benchmark{} by pairs of {} and {}: {} to {} pairs each, about {} to {} of "
        "measuring\n",
        plan.a.jobs.size(), plan.a.jobs.size() == 1 ? "" : "s", before.label, after.label,
        defaults.min_pairs, defaults.max_pairs, util::format_duration(planned.least_seconds),
        util::format_duration(planned.most_seconds));
  }
  runner::AbSettings settings;
  settings.label_a = "baseline: " + before.label;
  settings.label_b = "current: " + after.label;
  const auto started = std::chrono::steady_clock::now();
  const runner::AbOutcome outcome = measure_ab(plan, store, database, settings);
  settlement.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  analysis::RunComparison ab =
      analysis::compare_pairs(store.load_run(outcome.run_a), settings.label_a,
                              store.load_run(outcome.run_b), settings.label_b, std::nullopt);
  settlement.run_a = outcome.run_a;
  settlement.run_b = outcome.run_b;
  settlement.benchmarks = static_cast<int>(plan.a.jobs.size());
  for (const BenchmarkComparison& c : ab.benchmarks)
    settlement.pairs += c.standing == analysis::Standing::compared ? c.result.pairs : 0;
  std::cerr << fmt::format("Settled {} benchmark{} by {} pairs in {}\n", settlement.benchmarks,
                           settlement.benchmarks == 1 ? "" : "s", settlement.pairs,
                           util::format_duration(settlement.seconds));
  return ab;
}

}  // namespace

void settle_by_pairs(analysis::RunComparison& comparison, std::int64_t baseline_run,
                     std::int64_t current_run, store::Store& store, const SettleRequest& request) {
  if (request.benchmarks.empty())
    return;
  const store::RunRecord baseline = store.load_run(baseline_run);
  const store::RunRecord current = store.load_run(current_run);
  // The current side's build: its stored one; for --confirm-with, the files where the run found
  // them when it kept none (a run stored before builds were kept).
  std::optional<std::string> missing;
  if (!request.baseline_build)
    missing = missing_stored_build(store, baseline);
  if (!missing && !request.baseline_build)
    missing = missing_stored_build(store, current);
  if (missing) {
    if (request.resolve == Resolve::always)
      throw InputError(
          fmt::format("--resolve always: {}, so it cannot be measured again; "
                      "expected runs that kept their builds",
                      *missing));
    comparison.notes.push_back(fmt::format(
        "not settled by pairs: {}; the verdicts are the stored comparison's", *missing));
    return;
  }
  const Build before =
      request.baseline_build ? *request.baseline_build : stored_build(store, baseline);
  const Build after =
      request.baseline_build ? build_of_run(store, current) : stored_build(store, current);
  const PairPlan planned = plan_pairs(request.benchmarks, current, before, after);

  analysis::Settlement& settlement = comparison.settlement.emplace();
  settlement.baseline_build = before.label;
  settlement.current_build = after.label;
  settlement.identical_builds = same_files(before, after);
  analysis::RunComparison ab;
  if (!planned.plan.a.jobs.empty())
    ab = measure_pairs(planned, before, after, store, request.database, settlement);
  analysis::apply_pairs(comparison, ab, request.benchmarks);
}

}  // namespace benchctl::workflow
