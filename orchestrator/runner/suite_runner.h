// Runs a resolved suite and stores it as it goes: one run row, then per benchmark a result row,
// one transaction per worker process with its raw repetitions, and the result's status. A
// benchmark whose process fails is recorded as failed with its reason; the suite goes on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "store/store.h"
#include "suite/resolver.h"

namespace benchctl::runner {

// Told about each benchmark as the run progresses (the CLI prints progress lines on a TTY).
class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  virtual void run_started(std::int64_t run_id, std::size_t benchmarks) = 0;
  virtual void benchmark_finished(std::size_t index, std::size_t total, const suite::Job& job,
                                  const store::ResultRecord& result) = 0;
};

struct RunOptions {
  std::string label;
  std::filesystem::path executable;  // the benchctl binary that workers exec
};

struct RunOutcome {
  std::int64_t run_id = 0;
  int benchmarks = 0;
  int failed = 0;
};

// Throws Interrupted (after storing the run as interrupted) when the user stops benchctl.
RunOutcome run_suite(const suite::ResolvedSuite& resolved, store::Store& store,
                     const RunOptions& options, ProgressListener* progress);

// The resolved configuration stored with a run and hashed into its config hash.
nlohmann::json resolved_config(const suite::ResolvedSuite& resolved);
nlohmann::json job_settings(const suite::Job& job);

}  // namespace benchctl::runner
