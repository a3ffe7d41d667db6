// The seam between the run loop and the processes it starts: a Measurer measures one unit of a
// job (a worker process of a benchmark, a run of a command, a file's size). ProcessMeasurer is
// the real one; unit tests of the run loop pass their own.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "store/records.h"
#include "suite/resolver.h"

namespace benchctl::runner {

struct ProcessOutcome {
  bool ok = false;
  std::string failure;      // why it failed, one line
  std::string output_tail;  // the last lines of its stdout and stderr
  store::ProcessRecord record;
};

class Measurer {
 public:
  virtual ~Measurer() = default;
  // Worker process `process` of a benchmark job.
  virtual ProcessOutcome measure_benchmark(const suite::Job& job, int process) = 0;
  // Worker process `process` of a benchmark job that counts instructions under callgrind.
  virtual ProcessOutcome count_instructions(const suite::Job& job, int process) = 0;
  // Run `run` of a command job, or its warm-up run `run` (measured the same way, never stored).
  virtual ProcessOutcome time_command(const suite::Job& job, int run, bool warmup) = 0;
  virtual ProcessOutcome measure_file_size(const suite::Job& job) = 0;
  // Worker process `process` of a load job: the whole scenario, open loop.
  virtual ProcessOutcome drive_load(const suite::Job& job, int process) = 0;
};

// Throws InstallationError when a helper that `jobs` need is not installed (benchctl-rusage, for
// commands; benchctl-alloc.so, for counted allocations), so that a run is refused before it
// starts rather than fail in its middle.
void require_helpers(const std::filesystem::path& executable, const std::vector<suite::Job>& jobs);

// Measures in real processes: `benchctl worker run` for benchmarks (`executable` is the benchctl
// binary that workers exec), the benchctl-rusage helper for commands. Each call throws
// Interrupted when the user stops benchctl.
class ProcessMeasurer final : public Measurer {
 public:
  explicit ProcessMeasurer(std::filesystem::path executable);
  ProcessOutcome measure_benchmark(const suite::Job& job, int process) override;
  // The number of iterations is chosen once per job, by a short timed probe: about a millisecond's
  // worth, so that callgrind (some 50 times slower) takes a fraction of a second per repetition.
  ProcessOutcome count_instructions(const suite::Job& job, int process) override;
  ProcessOutcome time_command(const suite::Job& job, int run, bool warmup) override;
  ProcessOutcome measure_file_size(const suite::Job& job) override;
  ProcessOutcome drive_load(const suite::Job& job, int process) override;

 private:
  std::filesystem::path executable_;
  std::filesystem::path rusage_helper_;  // found on first use: a suite may have no commands
  std::map<std::string, std::int64_t> iterations_;  // of each job counting instructions
};

}  // namespace benchctl::runner
