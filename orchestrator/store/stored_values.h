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
// Parses stored settings texts, each distinct one once: most results of a run or a history share
// a few, and parsing one costs more than the rest of reading its result.
class SettingsParser {
 public:
  // A damaged text is a StorageError.
  const ResultSettings& parse(const std::string& text);

 private:
  std::map<std::string, ResultSettings> parsed_;
};
// A stored latency histogram ({"max_ns": N, "buckets": [[ns, count], ...]}).
LatencyBuckets stored_histogram(const std::string& text);
std::optional<int> optional_int(const std::optional<std::int64_t>& value);
// A run's series columns (host, cpu_model; Environment::series): NULL for what it did not record.
std::optional<std::string> series_column(const std::string& text);
// A process's CPUs as stored ("0-1"); a text that is not a CPU list is a StorageError.
std::optional<std::string> cpu_list_or_null(const std::optional<util::CpuSet>& cpus);
std::optional<util::CpuSet> stored_cpu_list(const std::optional<std::string>& text);

// Builds a history from what a store reads, in three parts and in any order within each: the runs,
// their results, and each result's per-process medians in process order.
class HistoryBuilder {
 public:
  void add_run(std::int64_t run_id, std::string started_at, std::string commit);
  // A result of a run added before.
  void add_result(std::int64_t result_id, std::int64_t run_id, std::string name,
                  const std::string& settings);
  // One process's medians of a result added before.
  void add_medians(std::int64_t result_id, std::optional<double> real, std::optional<double> cpu);
  // The ids of the results added, in increasing order.
  std::vector<std::int64_t> result_ids() const;
  // The points ordered by benchmark, then run.
  std::vector<HistoryPoint> take();

 private:
  struct Run {
    std::string started_at, commit;
  };
  std::map<std::int64_t, Run> runs_;
  std::vector<HistoryPoint> points_;
  std::map<std::int64_t, std::size_t> point_of_result_;
  SettingsParser settings_;
};

}  // namespace benchctl::store
