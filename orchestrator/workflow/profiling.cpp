#include "workflow/profiling.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "util/error.h"
#include "util/process_info.h"
#include "util/subprocess.h"
#include "workflow/stored_build.h"

namespace benchctl::workflow {

ProfileTarget stored_run_target(store::Store& store, const store::RunRecord& run,
                                const std::optional<std::string>& filter) {
  suite::ResolvedSuite measured;
  measured.suite.name = run.suite_name;
  for (const store::ResultRecord& result : run.results) {
    if (result.kind == store::ResultKind::benchmark)
      measured.jobs.push_back(job_of_result(result));
  }
  if (measured.jobs.empty())
    throw InputError(fmt::format("run {} measured no plugin benchmark to profile", run.id));
  suite::select_jobs(measured, filter, std::nullopt);
  if (const auto missing = missing_stored_build(store, run))
    throw InputError(fmt::format("{}, so it cannot be profiled", *missing));
  ProfileTarget target{stored_build(store, run), {}};
  for (const suite::Job& job : measured.jobs) {
    if (const auto on_target = on_build(job, target.build.catalog))
      target.jobs.push_back(*on_target);
  }
  return target;
}

AlertProfiling alert_target(store::Store& store, std::int64_t alert_id) {
  store::AlertQuery query;
  query.id = alert_id;
  const std::vector<store::Alert> alerts = store.list_alerts(query);
  if (alerts.empty())
    throw InputError(fmt::format("profile --alert {}: no such alert", alert_id));
  const store::Alert& alert = alerts.front();
  std::optional<std::int64_t> before;
  for (const store::RunRecord& run : store.list_runs(std::numeric_limits<int>::max())) {
    if (run.id < alert.first_run && run.suite_name == alert.suite &&
        run.status == store::RunStatus::complete && !run.ab &&
        run.environment.series().host == alert.host &&
        run.environment.series().cpu_model == alert.cpu_model) {
      before = run.id;
      break;  // newest first
    }
  }
  if (!before) {
    throw InputError(fmt::format(
        "profile --alert {}: no complete run of suite {} on {} before run {} to profile against",
        alert_id, alert.suite, alert.host, alert.first_run));
  }
  const store::RunRecord first = store.load_run(alert.first_run);
  const store::RunRecord earlier = store.load_run(*before);
  if (const auto missing = missing_stored_build(store, earlier))
    throw InputError(fmt::format("profile --alert {}: {}", alert_id, *missing));
  AlertProfiling profiling{stored_run_target(store, first, std::nullopt),
                           stored_build(store, earlier)};
  std::erase_if(profiling.target.jobs, [&](const suite::Job& job) {
    return std::none_of(
        alert.changes.begin(), alert.changes.end(),
        [&](const store::AlertChange& change) { return change.benchmark == job.name; });
  });
  return profiling;
}

ProfilingOutcome profile_target(const ProfileTarget& target, const std::optional<Build>& against,
                                const ProfileSettings& settings, store::Store& store,
                                const std::function<void(const std::string&)>& progress) {
  const std::filesystem::path executable = util::current_executable();
  auto profiled = [&](const suite::Job& job, const Build& build) {
    store::ProfileRecord profile =
        runner::profile_benchmark(job, settings.tool, settings.seconds, executable);
    profile.run_id = build.run;
    profile.build = build.label;
    profile.created_at = util::utc_timestamp();
    profile.id = store.save_profile(profile);
    return profile;
  };
  ProfilingOutcome outcome;
  for (const suite::Job& job : target.jobs) {
    if (progress)
      progress(job.name);
    analysis::BenchmarkProfile benchmark;
    try {
      if (against) {
        if (const auto on_against = on_build(job, against->catalog))
          benchmark.against = profiled(*on_against, *against);
      }
      benchmark.profile = profiled(job, target.build);
    } catch (const runner::ProfileFailed& e) {
      outcome.failures.push_back(e.what());
      continue;
    }
    outcome.profiles.push_back(std::move(benchmark));
  }
  return outcome;
}

void profile_regressions(analysis::RunComparison& comparison, std::int64_t baseline,
                         std::int64_t current, const ProfileSettings& settings,
                         store::Store& store) {
  std::vector<std::string> regressions;
  for (const analysis::BenchmarkComparison& benchmark : comparison.benchmarks) {
    if (benchmark.kind == store::ResultKind::benchmark &&
        benchmark.standing == analysis::Standing::compared &&
        benchmark.final_verdict() == stats::Verdict::regression) {
      regressions.push_back(benchmark.name);
    }
  }
  if (regressions.empty())
    return;
  const store::RunRecord before = store.load_run(baseline);
  const store::RunRecord after = store.load_run(current);
  for (const store::RunRecord* run : {&before, &after}) {
    if (const auto missing = missing_stored_build(store, *run)) {
      comparison.notes.push_back(fmt::format("regressions not profiled: {}", *missing));
      return;
    }
  }
  ProfileTarget target = stored_run_target(store, after, std::nullopt);
  std::erase_if(target.jobs, [&](const suite::Job& job) {
    return std::find(regressions.begin(), regressions.end(), job.name) == regressions.end();
  });
  ProfilingOutcome outcome = profile_target(target, stored_build(store, before), settings, store);
  comparison.profiles = std::move(outcome.profiles);
  for (const std::string& failure : outcome.failures)
    comparison.notes.push_back("not profiled: " + failure);
}

}  // namespace benchctl::workflow
