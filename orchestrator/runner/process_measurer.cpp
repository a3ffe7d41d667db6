#include "runner/measurer.h"

#include <algorithm>
#include <cmath>

#include "runner/benchmark_process.h"
#include "runner/command_process.h"
#include "util/helper_files.h"
#include "util/machine_load.h"

namespace benchctl::runner {
namespace {

constexpr const char* kRusageHelper = "benchctl-rusage";

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

void require_helpers(const std::filesystem::path& executable, const std::vector<suite::Job>& jobs) {
  const bool has_commands = std::any_of(jobs.begin(), jobs.end(), [](const suite::Job& job) {
    return job.kind == suite::EntryKind::command;
  });
  if (has_commands)
    util::find_helper_file(executable, kRusageHelper);
  const bool counts_allocations = std::any_of(jobs.begin(), jobs.end(), [](const suite::Job& job) {
    return job.settings.measures().allocations;
  });
  if (counts_allocations)
    util::find_helper_file(executable, kAllocationCounter);
}

ProcessMeasurer::ProcessMeasurer(std::filesystem::path executable)
    : executable_(std::move(executable)) {}

ProcessOutcome ProcessMeasurer::measure_benchmark(const suite::Job& job, int process) {
  return watched([&] { return measure_in_worker(job, process, executable_); });
}

ProcessOutcome ProcessMeasurer::count_instructions(const suite::Job& job, int process) {
  auto found = iterations_.find(job.name);
  if (found == iterations_.end()) {
    suite::Job probe = job;
    probe.settings.repetitions = 1;
    probe.settings.min_time = 0.01;
    probe.settings.warmup = 0;
    if (probe.settings.measurement)
      probe.settings.measurement->allocations = false;
    ProcessOutcome probed = measure_in_worker(probe, process, executable_);
    if (!probed.ok) {
      probed.failure = "while choosing the iterations to count: " + probed.failure;
      return probed;
    }
    const std::vector<double> times = store::times_per_iteration(probed.record, false);
    constexpr double kCountedSeconds = 1e-3;
    const double iterations = times.empty() ? 1 : std::ceil(kCountedSeconds / times.front());
    found = iterations_
                .emplace(job.name, std::clamp<std::int64_t>(static_cast<std::int64_t>(iterations),
                                                            1, 1'000'000))
                .first;
  }
  return count_in_worker(job, process, executable_, found->second);
}

ProcessOutcome ProcessMeasurer::time_command(const suite::Job& job, int run, bool /*warmup*/) {
  if (rusage_helper_.empty())
    rusage_helper_ = util::find_helper_file(executable_, kRusageHelper);
  return watched([&] { return runner::time_command(job, run, rusage_helper_); });
}

ProcessOutcome ProcessMeasurer::measure_file_size(const suite::Job& job) {
  return runner::measure_file_size(job);
}

ProcessOutcome ProcessMeasurer::drive_load(const suite::Job& job, int process) {
  return watched([&] { return load_in_worker(job, process, executable_); });
}

}  // namespace benchctl::runner
