#include "store/stored_values.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace benchctl::store {

std::optional<std::int64_t> to_nanoseconds(const std::optional<double>& seconds) {
  if (!seconds)
    return std::nullopt;
  return std::llround(*seconds * 1e9);
}

std::optional<double> to_seconds(const std::optional<std::int64_t>& nanoseconds) {
  if (!nanoseconds)
    return std::nullopt;
  return static_cast<double>(*nanoseconds) / 1e9;
}

// A baseline's runs as a JSON array of ids (SQLite's json_group_array, PostgreSQL's json_agg);
// anything else is a damaged database.
std::vector<std::int64_t> stored_run_ids(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_array() && std::all_of(json.begin(), json.end(), [](const nlohmann::json& id) {
        return id.is_number_integer();
      }))
    return json.get<std::vector<std::int64_t>>();
  throw StorageError("a baseline's stored runs are damaged (expected run ids): '" +
                     text.substr(0, 60) + "'");
}

// The JSON columns hold objects; an absent value (null) is stored as an empty one.
std::string object_text(const nlohmann::json& value) {
  return value.is_null() ? std::string("{}") : value.dump();
}

// A JSON column benchctl wrote; one that no longer parses is a damaged database, not an empty
// value.
nlohmann::json parse_json(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw StorageError("a stored JSON value is damaged (expected an object): '" +
                       text.substr(0, 60) + "'");
  }
  return json;
}

ResultSettings stored_settings(const std::string& text) {
  try {
    return parse_json(text).get<ResultSettings>();
  } catch (const nlohmann::json::exception& e) {
    throw StorageError("a stored result's settings are damaged: " + std::string(e.what()));
  }
}

std::optional<int> optional_int(const std::optional<std::int64_t>& value) {
  if (!value)
    return std::nullopt;
  return static_cast<int>(*value);
}

// A string field of a run's environment, or NULL.
std::optional<std::string> environment_text(const nlohmann::json& environment, const char* key) {
  if (const auto found = environment.find(key); found != environment.end() && found->is_string())
    return found->get<std::string>();
  return std::nullopt;
}

LatencyBuckets stored_histogram(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded())
    throw StorageError("a latency histogram that is not JSON in the database");
  return json.get<LatencyBuckets>();
}

void HistoryBuilder::add(std::int64_t run_id, const std::string& started_at,
                         const std::string& commit, const std::string& name,
                         const std::string& settings, std::optional<double> real_median,
                         std::optional<double> cpu_median) {
  if (points_.empty() || points_.back().run_id != run_id || points_.back().name != name) {
    HistoryPoint& point = points_.emplace_back();
    point.run_id = run_id;
    point.started_at = started_at;
    point.commit = commit;
    point.name = name;
    auto found = parsed_.find(settings);
    if (found == parsed_.end())
      found = parsed_.emplace(settings, stored_settings(settings)).first;
    point.settings = found->second;
  }
  if (real_median)
    points_.back().real_medians.push_back(*real_median);
  if (cpu_median)
    points_.back().cpu_medians.push_back(*cpu_median);
}

}  // namespace benchctl::store
