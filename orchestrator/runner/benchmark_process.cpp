#include "runner/benchmark_process.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fmt/format.h>

#include "runner/worker.h"
#include "runner/worker_protocol.h"
#include "util/error.h"
#include "util/helper_files.h"
#include "util/subprocess.h"
#include "util/temporary_directory.h"

namespace benchctl::runner {

namespace {

namespace fs = std::filesystem;

// The worker pins itself to the job's CPUs, if it has any.
void add_affinity(util::ChildSpec& spec, const suite::Settings& settings) {
  if (settings.affinity)
    spec.argv.insert(spec.argv.end(), {"--cpus", settings.affinity->to_string()});
}

util::ChildSpec worker_spec(const suite::Job& job, const fs::path& executable) {
  const suite::Settings& s = job.settings;
  util::ChildSpec spec;
  spec.argv = {executable.string(),
               "worker",
               "run",
               job.plugin_file.string(),
               job.name,
               "--repetitions",
               std::to_string(*s.repetitions),
               "--min-time",
               fmt::format("{}", *s.min_time),
               "--warmup",
               fmt::format("{}", *s.warmup)};
  add_affinity(spec, s);
  spec.result_pipe = true;
  spec.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(*s.timeout));
  return spec;
}

// A directory of its own for one process's callgrind output, removed with it; of a fixed length:
// the path is on the worker's command line, whose size moves its stack.
util::TemporaryDirectory callgrind_directory() {
  static int created = 0;
  return util::TemporaryDirectory(
      fmt::format("benchctl-callgrind-{:010}-{:06}", ::getpid(), ++created));
}

// Adds what one message on the result pipe reports to `record`; `done` when the worker finished,
// `worker_error` when it reported one.
void take_message(WorkerMessage message, store::ProcessRecord& record, bool& done,
                  std::string& worker_error) {
  switch (message.type) {
    case WorkerMessage::Type::repetition: {
      store::Sample sample;
      sample.repetition = static_cast<int>(record.samples.size());
      sample.iterations = message.repetition.iterations;
      sample.real_seconds = message.repetition.real_seconds;
      sample.cpu_seconds = message.repetition.cpu_seconds;
      sample.instructions = message.repetition.instructions;
      sample.counters = message.repetition.counters;
      record.samples.push_back(std::move(sample));
      break;
    }
    case WorkerMessage::Type::load_second: {
      store::LoadRecord& load = record.load ? *record.load : record.load.emplace();
      if (message.second.repetition != static_cast<int>(record.samples.size()))
        throw Error("a load test's seconds out of order");
      record.samples.push_back(std::move(message.second));
      load.seconds.push_back(std::move(message.second_latency));
      break;
    }
    case WorkerMessage::Type::load: {
      std::vector<store::LatencyBuckets> seconds;
      if (record.load)
        seconds = std::move(record.load->seconds);
      record.load = std::move(message.load);
      record.load->seconds = std::move(seconds);
      break;
    }
    case WorkerMessage::Type::done:
      done = true;
      record.allocations = message.allocations;
      record.peak_rss_bytes = message.peak_rss_bytes;
      record.conditions.cpu = message.cpu;
      if (!message.allowed_cpus.empty())
        record.conditions.allowed_cpus = util::CpuSet::parse(message.allowed_cpus, "allowed_cpus");
      break;
    case WorkerMessage::Type::error:
      worker_error = message.message;
      break;
  }
}

// Runs a worker to its end and classifies how it ended; one that only counts allocations reports
// no repetition.
ProcessOutcome run_worker(const util::ChildSpec& spec, int process_index,
                          bool repetitions_expected = true) {
  ProcessOutcome outcome;
  outcome.record.index = process_index;
  std::string worker_error;
  std::string protocol_error;
  bool done = false;
  const util::ChildExit exit = util::run_child(spec, [&](std::string_view line) {
    if (!protocol_error.empty())
      return;
    try {
      take_message(decode(line), outcome.record, done, worker_error);
    } catch (const Error& e) {
      protocol_error = fmt::format("wrote garbage on the result pipe: {}", e.what());
    }
  });
  outcome.output_tail = util::last_lines(exit.output_tail, 20);
  outcome.record.conditions.involuntary_switches = exit.usage.ru_nivcsw;

  if (exit.timed_out || !exit.spawn_error.empty()) {
    outcome.failure = exit.describe();
  } else if (!protocol_error.empty()) {
    outcome.failure = protocol_error;
  } else if (!worker_error.empty()) {
    outcome.failure = worker_error;
  } else if (exit.signal != 0) {
    outcome.failure = exit.describe();
  } else if (exit.exit_code != 0) {
    outcome.failure = fmt::format("{} before reporting its results", exit.describe());
  } else if (!done) {
    outcome.failure =
        "exited with status 0 before reporting its results (did the benchmark call exit?)";
  } else if (repetitions_expected && outcome.record.samples.empty()) {
    outcome.failure = "reported no repetitions";
  } else {
    outcome.ok = true;
  }
  return outcome;
}

// An iteration's allocations, counted by a worker of their own with the counter preloaded: the
// timed process runs without it (interposed, every allocation and free costs some 1.7 ns more).
// The counting worker runs a tenth of the iterations the timed repetitions chose.
ProcessOutcome count_allocations_in_worker(const suite::Job& job, int process_index,
                                           const fs::path& executable,
                                           std::int64_t timed_iterations) {
  util::ChildSpec spec = worker_spec(job, executable);
  spec.argv.insert(spec.argv.end(),
                   {"--count-allocations", "--iterations", std::to_string(timed_iterations)});
  std::string preload = util::find_helper_file(executable, kAllocationCounter).string();
  if (const char* existing = std::getenv("LD_PRELOAD"); existing != nullptr && *existing)
    preload += std::string(":") + existing;
  spec.extra_environment.push_back("LD_PRELOAD=" + preload);
  ProcessOutcome counted = run_worker(spec, process_index, false);
  if (counted.ok && !counted.record.allocations) {
    counted.ok = false;
    counted.failure = "reported no allocation counts";
  }
  return counted;
}

}  // namespace

ProcessOutcome measure_in_worker(const suite::Job& job, int process_index,
                                 const fs::path& executable) {
  ProcessOutcome outcome = run_worker(worker_spec(job, executable), process_index);
  // Counts repeat exactly: a few processes show that they do.
  if (!outcome.ok || !job.settings.measures().allocations ||
      process_index >= store::kCountingProcesses) {
    return outcome;
  }
  const ProcessOutcome counted = count_allocations_in_worker(
      job, process_index, executable, outcome.record.samples.back().iterations);
  if (!counted.ok) {
    outcome.ok = false;
    outcome.failure = "counting allocations: " + counted.failure;
    outcome.output_tail = counted.output_tail;
  }
  outcome.record.allocations = counted.record.allocations;
  return outcome;
}

ProcessOutcome load_in_worker(const suite::Job& job, int process_index,
                              const fs::path& executable) {
  const store::LoadSpec& load = *job.load;
  util::ChildSpec spec;
  spec.argv = {executable.string(),
               "worker",
               "load",
               job.plugin_file.string(),
               "--load",
               nlohmann::json(load).dump(),
               "--seed",
               std::to_string(process_index + 1)};
  add_affinity(spec, job.settings);
  spec.result_pipe = true;
  spec.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(*job.settings.timeout));
  ProcessOutcome outcome = run_worker(spec, process_index);
  if (outcome.ok && !outcome.record.load) {
    outcome.ok = false;
    outcome.failure = "reported the seconds of a load test but not its totals";
  }
  return outcome;
}

std::vector<std::string> callgrind_command(const fs::path& output) {
  utsname system{};
  ::uname(&system);
  return {"setarch",
          system.machine,
          "--addr-no-randomize",
          "valgrind",
          "--tool=callgrind",
          "--quiet",
          "--collect-atstart=no",
          "--dump-line=no",
          "--dump-instr=no",
          "--callgrind-out-file=" + output.string()};
}

ProcessOutcome count_in_worker(const suite::Job& job, int process_index, const fs::path& executable,
                               std::int64_t iterations) {
  const util::TemporaryDirectory scratch = callgrind_directory();
  const fs::path output = scratch.path() / "callgrind.out";
  util::ChildSpec spec = worker_spec(job, executable);
  spec.argv.insert(spec.argv.end(), {"--iterations", std::to_string(iterations), "--callgrind-out",
                                     output.string()});
  std::vector<std::string> prefix = callgrind_command(output);
  if (job.settings.cache_simulation.value_or(false))
    prefix.push_back("--cache-sim=yes");
  spec.argv.insert(spec.argv.begin(), prefix.begin(), prefix.end());
  // An environment of a fixed size too, so that the same code executes the same instructions
  // from run to run.
  spec.pad_environment = true;
  ProcessOutcome outcome = run_worker(spec, process_index);
  outcome.record.peak_rss_bytes.reset();  // valgrind's own, not the benchmark's
  if (!outcome.ok && outcome.failure.starts_with("cannot start 'setarch'"))
    outcome.failure += " (setarch is in util-linux)";
  return outcome;
}

ProcessOutcome profile_in_worker(const suite::Job& job, const std::vector<std::string>& profiler,
                                 const std::vector<std::string>& worker_options,
                                 const fs::path& executable) {
  util::ChildSpec spec = worker_spec(job, executable);
  spec.argv[2] = "profile";
  spec.argv.insert(spec.argv.end(), worker_options.begin(), worker_options.end());
  spec.argv.insert(spec.argv.begin(), profiler.begin(), profiler.end());
  // Under a profiler the benchmark runs some 50 times slower; the job's timeout is for its timed
  // runs.
  spec.timeout *= 20;
  ProcessOutcome outcome = run_worker(spec, 0);
  outcome.record.peak_rss_bytes.reset();  // the profiler's, not the benchmark's
  return outcome;
}

}  // namespace benchctl::runner
