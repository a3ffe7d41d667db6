#include "runner/load_worker.h"

#include <fmt/format.h>
#include <algorithm>

#include "plugin/loader.h"
#include "runner/load_driver.h"
#include "runner/peak_rss.h"
#include "runner/worker.h"
#include "runner/worker_output.h"
#include "util/error.h"

namespace benchctl::runner {
namespace {

// The schedule's timeline starts with the warm-up: the ramp-up counts from there, the burst
// from the end of the warm-up.
LoadSchedule schedule_of(const store::LoadSpec& load) {
  LoadProfile profile;
  profile.rate = load.rate;
  profile.duration = load.warmup + load.duration;
  profile.ramp_up = load.ramp_up;
  if (load.burst)
    profile.burst = Burst{load.burst->rate, load.burst->duration, load.warmup + load.burst->at};
  return LoadSchedule(profile);
}

WorkerMessage second_message(const LoadSecond& second, int index) {
  WorkerMessage message;
  message.type = WorkerMessage::Type::load_second;
  store::Sample& sample = message.second;
  sample.repetition = index;
  sample.iterations = static_cast<std::int64_t>(second.completed);
  if (second.completed > 0)
    sample.real_seconds = second.latency_seconds;
  sample.cpu_seconds = second.cpu_seconds;
  sample.counters = {{"sent", static_cast<double>(second.sent)},
                     {"errors", static_cast<double>(second.errors)},
                     {"late", static_cast<double>(second.late)},
                     {"backlog", static_cast<double>(second.backlog)}};
  if (second.rss_bytes)
    sample.counters["rss_bytes"] = static_cast<double>(*second.rss_bytes);
  message.second_latency = store::stored_buckets(second.latency);
  return message;
}

}  // namespace

int run_load(const WorkerRequest& request, int result_fd) {
  return guarded(result_fd, [&] {
    const std::filesystem::path& file = request.run.plugin_file;
    const benchctl_plugin_descriptor& descriptor = plugin::load_plugin(file);
    plugin::register_benchmarks(descriptor, file);
    const std::vector<std::string> operations = plugin::operation_names(descriptor);
    const auto found = std::find(operations.begin(), operations.end(), request.load.operation);
    if (found == operations.end()) {
      throw InputError(fmt::format("plugin '{}' has no operation named '{}'", descriptor.name,
                                   request.load.operation));
    }
    const auto index = static_cast<std::uint32_t>(found - operations.begin());
    DriverSettings settings;
    settings.threads = request.load.threads;
    settings.arrival = request.load.poisson ? Arrival::poisson : Arrival::constant;
    settings.warmup = request.load.warmup;
    settings.seed = request.seed;
    reset_peak_rss();
    const LoadOutcome outcome =
        drive_load(schedule_of(request.load), settings, [&]() -> std::optional<std::string> {
          if (const char* failure = descriptor.call_operation(index))
            return std::string(failure);
          return std::nullopt;
        });
    for (std::size_t second = 0; second < outcome.seconds.size(); ++second)
      write_message(result_fd, second_message(outcome.seconds[second], static_cast<int>(second)));
    WorkerMessage totals;
    totals.type = WorkerMessage::Type::load;
    store::LoadRecord& load = totals.load;
    load.intended = outcome.intended;
    load.sent = outcome.sent;
    load.completed = outcome.completed;
    load.errors = outcome.errors;
    load.late = outcome.late;
    load.dropped = outcome.dropped;
    load.elapsed = outcome.elapsed;
    load.first_error = outcome.first_error;
    load.latency = store::stored_buckets(outcome.latency);
    load.schedule_error = store::stored_buckets(outcome.schedule_error);
    write_message(result_fd, totals);
    write_done(result_fd, peak_rss_bytes());
    return 0;
  });
}

}  // namespace benchctl::runner
