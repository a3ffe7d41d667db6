// Runs a resolved suite and stores it as it goes: one run row and a result row per job; one
// transaction per worker process (or command run) with its raw repetitions; the result's status
// when its last unit is done. Units follow the suite's
// schedule (runner/schedule.h). A benchmark whose process fails is recorded as failed with its
// reason and measured no further; the suite goes on.
#pragma once

#include <cstdint>
#include <string>

#include "runner/measurer.h"
#include "store/store.h"
#include "suite/resolver.h"

namespace benchctl::runner {

// Told about the run as it progresses (the CLI prints progress on a terminal).
class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  virtual void run_started(std::int64_t run_id, std::size_t benchmarks, std::size_t units) = 0;
  // After each unit (worker process, command run, file size), measured or skipped.
  virtual void unit_finished(std::size_t done, std::size_t total) = 0;
  // When a job's last unit is done or it failed; `finished` counts the jobs finished so far.
  virtual void benchmark_finished(std::size_t finished, std::size_t total, const suite::Job& job,
                                  const store::ResultRecord& result) = 0;
};

struct RunOptions {
  std::string label;
  store::Environment environment;  // runner::capture_environment(), stored with the run
  std::optional<store::GroupShard> shard;
};

struct RunOutcome {
  std::int64_t run_id = 0;
  int benchmarks = 0;
  int failed = 0;
};

// Throws Interrupted (after storing the run as interrupted) when the measurer reports that the
// user stopped benchctl.
RunOutcome run_suite(const suite::ResolvedSuite& resolved, store::Store& store, Measurer& measurer,
                     const RunOptions& options, ProgressListener* progress);

}  // namespace benchctl::runner
