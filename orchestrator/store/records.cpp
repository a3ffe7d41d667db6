#include "store/records.h"

#include "stats/summary.h"
#include "util/enum_names.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

constexpr util::EnumNames<ResultStatus, 3> kResultStatusNames{{{ResultStatus::running, "running"},
                                                               {ResultStatus::ok, "ok"},
                                                               {ResultStatus::failed, "failed"}}};

constexpr util::EnumNames<RunStatus, 4> kRunStatusNames{{{RunStatus::running, "running"},
                                                         {RunStatus::complete, "complete"},
                                                         {RunStatus::incomplete, "incomplete"},
                                                         {RunStatus::interrupted, "interrupted"}}};

}  // namespace

std::vector<double> times_per_iteration(const ProcessRecord& process, bool cpu_time) {
  if (process.samples.empty()) {
    const std::optional<double>& median =
        cpu_time ? process.median_cpu_seconds : process.median_real_seconds;
    return median ? std::vector<double>{*median} : std::vector<double>{};
  }
  std::vector<double> times;
  for (const Sample& sample : process.samples) {
    const std::optional<double>& seconds = cpu_time ? sample.cpu_seconds : sample.real_seconds;
    if (seconds && sample.iterations > 0)
      times.push_back(*seconds / static_cast<double>(sample.iterations));
  }
  return times;
}

std::optional<double> median_per_iteration(const ProcessRecord& process, bool cpu_time) {
  std::vector<double> times = times_per_iteration(process, cpu_time);
  if (times.empty())
    return std::nullopt;
  return stats::median(std::move(times));
}

std::vector<double> instructions_per_iteration(const ProcessRecord& process) {
  std::vector<double> counts;
  for (const Sample& sample : process.samples) {
    if (sample.instructions && sample.iterations > 0)
      counts.push_back(static_cast<double>(*sample.instructions) /
                       static_cast<double>(sample.iterations));
  }
  return counts;
}

std::uint64_t LatencyBuckets::count() const {
  std::uint64_t total = 0;
  for (const auto& [nanoseconds, count] : buckets)
    total += count;
  return total;
}

LatencyBuckets stored_buckets(const LatencyHistogram& histogram) {
  LatencyBuckets stored;
  stored.max_ns = histogram.max_nanoseconds();
  histogram.for_each_bucket([&](std::uint64_t nanoseconds, std::uint64_t count) {
    stored.buckets.emplace_back(nanoseconds, count);
  });
  return stored;
}

void to_json(nlohmann::json& json, const LatencyBuckets& histogram) {
  json = {{"max_ns", histogram.max_ns}, {"buckets", histogram.buckets}};
}

void from_json(const nlohmann::json& json, LatencyBuckets& histogram) {
  try {
    histogram.max_ns = json.at("max_ns").get<std::uint64_t>();
    histogram.buckets =
        json.at("buckets").get<std::vector<std::pair<std::uint64_t, std::uint64_t>>>();
  } catch (const nlohmann::json::exception& e) {
    throw StorageError(std::string("a malformed latency histogram in the database: ") + e.what());
  }
  for (std::size_t i = 1; i < histogram.buckets.size(); ++i) {
    if (histogram.buckets[i].first <= histogram.buckets[i - 1].first)
      throw StorageError("a latency histogram whose buckets are out of order in the database");
  }
}

void to_json(nlohmann::json& json, const LoadRecord& load) {
  json = {{"intended", load.intended},   {"sent", load.sent},
          {"completed", load.completed}, {"errors", load.errors},
          {"late", load.late},           {"dropped", load.dropped},
          {"elapsed", load.elapsed},     {"first_error", load.first_error},
          {"latency", load.latency},     {"schedule_error", load.schedule_error}};
}

void from_json(const nlohmann::json& json, LoadRecord& load) {
  load.intended = json.at("intended").get<std::uint64_t>();
  load.sent = json.at("sent").get<std::uint64_t>();
  load.completed = json.at("completed").get<std::uint64_t>();
  load.errors = json.at("errors").get<std::uint64_t>();
  load.late = json.at("late").get<std::uint64_t>();
  load.dropped = json.at("dropped").get<std::uint64_t>();
  load.elapsed = json.at("elapsed").get<double>();
  load.first_error = json.at("first_error").get<std::string>();
  load.latency = json.at("latency").get<LatencyBuckets>();
  load.schedule_error = json.at("schedule_error").get<LatencyBuckets>();
}

std::string to_string(ResultStatus status) {
  return util::name_of(kResultStatusNames, status);
}

std::string to_string(RunStatus status) {
  return util::name_of(kRunStatusNames, status);
}

ResultStatus result_status_from_string(const std::string& text) {
  if (const auto status = util::value_of(kResultStatusNames, text))
    return *status;
  throw StorageError("unknown result status '" + text + "' in the database");
}

RunStatus run_status_from_string(const std::string& text) {
  if (const auto status = util::value_of(kRunStatusNames, text))
    return *status;
  throw StorageError("unknown run status '" + text + "' in the database");
}

}  // namespace benchctl::store
