#include "runner/benchmark_process.h"
#include "runner/command_process.h"
#include "runner/measurer.h"
#include "util/machine_load.h"

namespace benchctl::runner {
namespace {

// Measures with `measure`, noting what the machine did meanwhile.
template <class Measure>
ProcessOutcome watched(Measure&& measure) {
  const util::CpuCounters before = util::read_cpu_counters();
  ProcessOutcome outcome = measure();
  const util::CpuLoad load = util::load_between(before, util::read_cpu_counters());
  outcome.record.conditions.steal = load.steal;
  outcome.record.conditions.cpu_pressure = load.pressure;
  return outcome;
}

}  // namespace

ProcessMeasurer::ProcessMeasurer(std::filesystem::path executable)
    : executable_(std::move(executable)) {}

ProcessOutcome ProcessMeasurer::measure_benchmark(const suite::Job& job, int process) {
  return watched([&] { return measure_in_worker(job, process, executable_); });
}

ProcessOutcome ProcessMeasurer::time_command(const suite::Job& job, int run, bool /*warmup*/) {
  if (rusage_helper_.empty())
    rusage_helper_ = find_rusage_helper(executable_);
  return watched([&] { return runner::time_command(job, run, rusage_helper_); });
}

ProcessOutcome ProcessMeasurer::measure_file_size(const suite::Job& job) {
  return runner::measure_file_size(job);
}

}  // namespace benchctl::runner
