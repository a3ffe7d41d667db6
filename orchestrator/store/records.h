// What a run stores: plain data shared by the runner (which writes it), the store and the
// reports (which read it).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/result_settings.h"

namespace benchctl::store {

// One repetition (or one timed command run).
struct Sample {
  int repetition = 0;
  std::int64_t iterations = 1;
  std::optional<double> real_seconds;  // accumulated over the iterations
  std::optional<double> cpu_seconds;
  std::map<std::string, double> counters;
};

// One worker process (or one command run): the unit of replication.
struct ProcessRecord {
  int index = 0;
  std::optional<std::int64_t> peak_rss_bytes;
  std::vector<Sample> samples;
};

enum class ResultStatus { running, ok, failed };
enum class RunStatus { running, complete, incomplete, interrupted };

std::string to_string(ResultStatus status);
std::string to_string(RunStatus status);
ResultStatus result_status_from_string(const std::string& text);
RunStatus run_status_from_string(const std::string& text);

struct PluginVersion {
  std::string name, version, abi, benchmark_version, file;
};

struct ResultRecord {
  std::int64_t id = 0;
  std::string name;
  std::string plugin;  // empty for commands and file sizes
  ResultKind kind = ResultKind::benchmark;
  ResultStatus status = ResultStatus::running;
  std::string reason;       // why it failed
  std::string output_tail;  // the last lines the failed process printed
  ResultSettings settings;
  std::vector<ProcessRecord> processes;
};

struct RunRecord {
  std::int64_t id = 0;
  std::string suite_name;
  std::string suite_file;
  std::string label;
  RunStatus status = RunStatus::running;
  std::string started_at;  // ISO 8601 UTC
  std::string finished_at;
  std::string config_hash;
  nlohmann::json config = nlohmann::json::object();
  nlohmann::json environment = nlohmann::json::object();
  std::vector<PluginVersion> plugins;
  std::vector<ResultRecord> results;  // filled by Store::load_run
  int result_count = 0;
  int failed_count = 0;
};

struct Baseline {
  std::string name;
  std::int64_t run_id = 0;
  std::string note;
  std::string created_at;
  RunRecord run;  // without results: suite, started_at, environment
};

}  // namespace benchctl::store
