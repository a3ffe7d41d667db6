#include "runner/benchmark_process.h"

#include <fmt/format.h>

#include "runner/worker.h"
#include "runner/worker_protocol.h"
#include "util/error.h"
#include "util/subprocess.h"

namespace benchctl::runner {

ProcessOutcome measure_in_worker(const suite::Job& job, int process_index,
                                 const std::filesystem::path& executable) {
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
  spec.result_pipe = true;
  spec.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(*s.timeout));

  ProcessOutcome outcome;
  outcome.record.index = process_index;
  std::string worker_error;
  std::string protocol_error;
  bool done = false;
  const util::ChildExit exit = util::run_child(spec, [&](std::string_view line) {
    if (!protocol_error.empty())
      return;
    try {
      const WorkerMessage message = decode(line);
      switch (message.type) {
        case WorkerMessage::Type::repetition: {
          store::Sample sample;
          sample.repetition = static_cast<int>(outcome.record.samples.size());
          sample.iterations = message.repetition.iterations;
          sample.real_seconds = message.repetition.real_seconds;
          sample.cpu_seconds = message.repetition.cpu_seconds;
          sample.counters = message.repetition.counters;
          outcome.record.samples.push_back(std::move(sample));
          break;
        }
        case WorkerMessage::Type::done:
          done = true;
          outcome.record.peak_rss_bytes = message.peak_rss_bytes;
          outcome.record.conditions.cpu = message.cpu;
          break;
        case WorkerMessage::Type::error:
          worker_error = message.message;
          break;
      }
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
  } else if (outcome.record.samples.empty()) {
    outcome.failure = "reported no repetitions";
  } else {
    outcome.ok = true;
  }
  return outcome;
}

}  // namespace benchctl::runner
