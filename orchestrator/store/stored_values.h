// Converting values between records and the columns both stores write: times in integer
// nanoseconds, JSON columns (objects; a damaged one is a StorageError, not an empty value), a
// baseline's run ids, a result's settings.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"
#include "store/result_settings.h"

namespace benchctl::store {

std::optional<std::int64_t> to_nanoseconds(const std::optional<double>& seconds);
std::optional<double> to_seconds(const std::optional<std::int64_t>& nanoseconds);
std::vector<std::int64_t> stored_run_ids(const std::string& text);
// The JSON columns hold objects; an absent value (null) is stored as an empty one.
std::string object_text(const nlohmann::json& value);
nlohmann::json parse_json(const std::string& text);
ResultSettings stored_settings(const std::string& text);
// A stored latency histogram ({"max_ns": N, "buckets": [[ns, count], ...]}).
LatencyBuckets stored_histogram(const std::string& text);
std::optional<int> optional_int(const std::optional<std::int64_t>& value);
// A string field of a run's environment, or nothing.
std::optional<std::string> environment_text(const nlohmann::json& environment, const char* key);

// Builds a history from the rows of a query ordered by benchmark, run and process, one row per
// process: consecutive rows of one run and benchmark make one point. Settings texts are parsed
// once each (most results share a few).
class HistoryBuilder {
 public:
  void add(std::int64_t run_id, const std::string& started_at, const std::string& commit,
           const std::string& name, const std::string& settings, std::optional<double> real_median,
           std::optional<double> cpu_median);
  std::vector<HistoryPoint> take() { return std::move(points_); }

 private:
  std::vector<HistoryPoint> points_;
  std::map<std::string, ResultSettings> parsed_;
};

}  // namespace benchctl::store
