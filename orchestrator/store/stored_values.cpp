#include "store/stored_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

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

const ResultSettings& SettingsParser::parse(const std::string& text) {
  if (const auto found = parsed_.find(text); found != parsed_.end())
    return found->second;
  try {
    return parsed_.emplace(text, parse_json(text).get<ResultSettings>()).first->second;
  } catch (const nlohmann::json::exception& e) {
    throw StorageError("a stored result's settings are damaged: " + std::string(e.what()));
  }
}

std::optional<std::string> cpu_list_or_null(const std::optional<util::CpuSet>& cpus) {
  if (!cpus)
    return std::nullopt;
  return cpus->to_string();
}

std::optional<util::CpuSet> stored_cpu_list(const std::optional<std::string>& text) {
  if (!text)
    return std::nullopt;
  try {
    return util::CpuSet::parse(*text, "a process's stored CPUs");
  } catch (const InputError& e) {
    throw StorageError(std::string(e.what()) + " in the database");
  }
}

std::optional<int> optional_int(const std::optional<std::int64_t>& value) {
  if (!value)
    return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<std::string> series_column(const std::string& text) {
  if (text.empty())
    return std::nullopt;
  return text;
}

LatencyBuckets stored_histogram(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded())
    throw StorageError("a latency histogram that is not JSON in the database");
  return json.get<LatencyBuckets>();
}

void HistoryBuilder::add_run(std::int64_t run_id, std::string started_at, std::string commit) {
  runs_[run_id] = {std::move(started_at), std::move(commit)};
}

void HistoryBuilder::add_result(std::int64_t result_id, std::int64_t run_id, std::string name,
                                const std::string& settings) {
  const auto run = runs_.find(run_id);
  if (run == runs_.end())
    throw StorageError(fmt::format("the history read result {} of run {}, not one of its runs",
                                   result_id, run_id));
  HistoryPoint& point = points_.emplace_back();
  point.run_id = run_id;
  point.started_at = run->second.started_at;
  point.commit = run->second.commit;
  point.name = std::move(name);
  point.settings = settings_.parse(settings);
  point_of_result_[result_id] = points_.size() - 1;
}

void HistoryBuilder::add_medians(std::int64_t result_id, std::optional<double> real,
                                 std::optional<double> cpu) {
  const auto point = point_of_result_.find(result_id);
  if (point == point_of_result_.end())
    throw StorageError(
        fmt::format("the history read medians of result {}, not one of its results", result_id));
  if (real)
    points_[point->second].real_medians.push_back(*real);
  if (cpu)
    points_[point->second].cpu_medians.push_back(*cpu);
}

std::vector<std::int64_t> HistoryBuilder::result_ids() const {
  std::vector<std::int64_t> ids;
  ids.reserve(point_of_result_.size());
  for (const auto& [id, point] : point_of_result_)
    ids.push_back(id);
  return ids;
}

std::vector<HistoryPoint> HistoryBuilder::take() {
  // Ordered by benchmark and run through their indices: a point is large to move around.
  std::vector<std::size_t> order(points_.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(points_[a].name, points_[a].run_id, a) <
           std::tie(points_[b].name, points_[b].run_id, b);
  });
  std::vector<HistoryPoint> ordered;
  ordered.reserve(points_.size());
  for (const std::size_t i : order) {
    // A result without a single median (no process stored) is no point of its history.
    if (!points_[i].real_medians.empty() || !points_[i].cpu_medians.empty())
      ordered.push_back(std::move(points_[i]));
  }
  points_.clear();
  point_of_result_.clear();
  return ordered;
}

}  // namespace benchctl::store
