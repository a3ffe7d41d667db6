// benchctl profile and compare --profile: which benchmarks of which build are profiled, against
// which other build, and the profiles stored with the runs whose builds they are.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "analysis/profile.h"
#include "runner/profiler.h"
#include "store/store.h"
#include "suite/suite.h"
#include "workflow/builds.h"

namespace benchctl::workflow {

// What is profiled: benchmarks, each a job on `build`.
struct ProfileTarget {
  Build build;
  std::vector<suite::Job> jobs;
};

// The benchmarks a stored run measured that match `filter` (load tests and commands aside), on
// the build it kept. Throws UsageError when the filter leaves none, InputError when the run kept
// no build this benchctl can load.
ProfileTarget stored_run_target(store::Store& store, const store::RunRecord& run,
                                const std::optional<std::string>& filter);

// profile --alert ID: the alert's benchmarks on the build of its first run, against the build of
// the newest complete run of the same suite on the same machine before it. Throws InputError for
// an unknown alert, one with no run before it, or runs that kept no build.
struct AlertProfiling {
  ProfileTarget target;
  Build against;
};
AlertProfiling alert_target(store::Store& store, std::int64_t alert_id);

struct ProfileSettings {
  runner::ProfileTool tool = runner::ProfileTool::callgrind;
  double seconds = 1;  // of each benchmark's loop, by the worker's clock under the profiler
};

struct ProfilingOutcome {
  std::vector<analysis::BenchmarkProfile> profiles;
  std::vector<std::string> failures;  // "name: why", of the benchmarks that could not be profiled
};

// Profiles every job of `target`, and first the same benchmark on `against` when given (both on
// this machine, one right after the other), storing each profile with the run its build belongs
// to. `progress` hears each benchmark's name before it is profiled. A benchmark `against` lacks is
// profiled alone; one that fails under the profiler is a failure, and the others go on.
ProfilingOutcome profile_target(const ProfileTarget& target, const std::optional<Build>& against,
                                const ProfileSettings& settings, store::Store& store,
                                const std::function<void(const std::string&)>& progress = {});

// compare --profile: every confirmed regression of `comparison` (of timed benchmarks) profiled on
// the baseline's build (A) and the current one's (B), the runs `baseline` and `current` being
// the sides' newest; the profiles go to `comparison.profiles`, a failure to its notes. Adds a
// note and profiles nothing when a side kept no build.
void profile_regressions(analysis::RunComparison& comparison, std::int64_t baseline,
                         std::int64_t current, const ProfileSettings& settings,
                         store::Store& store);

}  // namespace benchctl::workflow
