#include "runner/benchmark_process.h"
#include "runner/command_process.h"
#include "runner/measurer.h"

namespace benchctl::runner {

ProcessMeasurer::ProcessMeasurer(std::filesystem::path executable)
    : executable_(std::move(executable)) {}

ProcessOutcome ProcessMeasurer::measure_benchmark(const suite::Job& job, int process) {
  return measure_in_worker(job, process, executable_);
}

ProcessOutcome ProcessMeasurer::time_command(const suite::Job& job, int run, bool /*warmup*/) {
  if (rusage_helper_.empty())
    rusage_helper_ = find_rusage_helper(executable_);
  return runner::time_command(job, run, rusage_helper_);
}

ProcessOutcome ProcessMeasurer::measure_file_size(const suite::Job& job) {
  return runner::measure_file_size(job);
}

}  // namespace benchctl::runner
