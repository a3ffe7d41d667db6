// What a result was measured with and is judged by, stored with it: the settings that apply to
// its kind, the regression policy and the budgets. One typed structure with one JSON converter
// (the `settings` column), so that a field added here reaches the store, the analysis and the
// reports without another hand-written hop.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stats/verdict.h"
#include "util/cpu_set.h"

namespace benchctl::store {

enum class ResultKind { benchmark, command, file_size, load };
std::string to_string(ResultKind kind);
// Throws StorageError for a kind benchctl never stores.
ResultKind result_kind_from_string(std::string_view text);

// What a benchmark is measured by: its time in ordinary worker processes, the instructions its
// iterations execute under callgrind, and the allocations an iteration makes (counted in the
// timed processes, after their repetitions: counting them times the benchmark too).
struct Measures {
  bool time = true;
  bool instructions = false;
  bool allocations = false;
  bool operator==(const Measures&) const = default;

  // The measures named (time, instructions, allocations; each once, at least one), as suites,
  // --measure and stored settings name them; nothing when a name is unknown or repeated.
  static std::optional<Measures> from_names(const std::vector<std::string>& names);
  std::vector<std::string> names() const;
};

// Counts (instructions, allocations) repeat exactly from process to process: a few processes
// show that they do.
constexpr int kCountingProcesses = 3;

// The settings a suite's `defaults:` gives and an entry may override. A stored result keeps
// those that apply to its kind.
struct Settings {
  std::optional<int> processes;          // worker processes per benchmark, the unit of replication
  std::optional<int> repetitions;        // Google Benchmark repetitions inside each process
  std::optional<double> min_time;        // seconds per repetition
  std::optional<double> warmup;          // seconds of warm-up before the first repetition
  std::optional<double> timeout;         // seconds one worker process may take before it is killed
  std::optional<int> runs;               // command entries: timed runs
  std::optional<int> warmup_runs;        // command entries: untimed runs first
  std::optional<Measures> measurement;   // benchmark entries (`measure:`); unset: time alone
  std::optional<bool> cache_simulation;  // with instructions: callgrind's cache simulation too
  std::optional<util::CpuSet> affinity;  // CPUs each worker process is pinned to

  // Fields set here replace those of `base`.
  Settings overlaid_on(const Settings& base) const;

  Measures measures() const { return measurement.value_or(Measures{}); }
  // Worker processes under callgrind: processes, at most kCountingProcesses; 0 for time alone.
  int instruction_processes() const;
};

// What a budget limits. Time metrics are seconds per operation; sizes are bytes.
enum class BudgetMetric {
  median,
  p50,
  p90,
  p95,
  p99,
  max,
  min,
  mean,  // time per operation
  p999,  // a load test's latency per request, from its whole-run histogram
  max_rss,
  max_size,        // bytes
  min_throughput,  // bytes or items per second
  min_counter,
  max_counter,        // a named Google Benchmark counter
  max_ratio,          // median time relative to another entry of the same run
  max_instructions,   // instructions per iteration (measure: instructions)
  max_allocs,         // allocations per iteration (measure: allocations)
  max_alloc_bytes,    // bytes allocated per iteration (measure: allocations)
  min_success_rate,   // load: share of the requests sent that succeeded
  min_achieved_rate,  // load: requests completed per second over the steady part
  max_recovery_time,  // load: seconds after a burst until the p99 is back near its level before
  max_rss_slope,      // load: resident set growth over the steady part, bytes per minute
  max_degradation     // load: mean latency of the last steady window over the first's, minus 1
};
std::string to_string(BudgetMetric metric);
const std::vector<BudgetMetric>& all_budget_metrics();
std::optional<BudgetMetric> budget_metric_from_string(std::string_view name);

struct BudgetSpec {
  BudgetMetric metric = BudgetMetric::median;
  double limit = 0;
  bool hard = true;         // a hard budget fails the run, a soft one warns
  bool bytes_rate = false;  // min_throughput: bytes/s (true) or items/s (false)
  std::string counter;      // min_counter and max_counter: which counter
  std::string to;           // max_ratio: the entry the time is relative to
};

// A load entry's scenario (`load:` in a suite): what the worker's open-loop driver does.
struct LoadBurst {
  double rate = 0;      // requests per second
  double duration = 0;  // seconds
  double at = 0;        // seconds from the start of the measured run (after the warm-up)
};

struct LoadSpec {
  std::string operation;  // "<plugin>/<operation>", registered with benchctl::add_operation
  double rate = 0;        // requests per second held after the ramp-up
  double duration = 0;    // seconds measured, after the warm-up
  double ramp_up = 0;     // seconds from no load to `rate`, from the start (the warm-up's)
  int threads = 1;        // threads sending requests
  bool poisson = false;   // Poisson arrivals instead of evenly spaced ones
  std::optional<LoadBurst> burst;
  double warmup = 0;  // seconds of requests before the measured run, sent but not recorded
};

struct ResultSettings {
  Settings measure;                  // the fields that apply to the result's kind
  std::vector<std::string> command;  // command results: the argv
  std::string file;                  // file_size results: the file
  std::optional<LoadSpec> load;      // load results: the scenario
  stats::Policy policy;
  std::vector<BudgetSpec> budgets;
  bool imported = false;  // read from another tool's output, not measured by benchctl
};

// The stored JSON: {"processes": 10, ..., "policy": {...}, "budgets": [...]}. from_json reads
// what every earlier version wrote (absent fields keep their defaults) and throws StorageError
// for a value no version writes.
void to_json(nlohmann::json& json, const BudgetSpec& budget);
void from_json(const nlohmann::json& json, BudgetSpec& budget);
void to_json(nlohmann::json& json, const LoadSpec& load);
void from_json(const nlohmann::json& json, LoadSpec& load);
void to_json(nlohmann::json& json, const ResultSettings& settings);
void from_json(const nlohmann::json& json, ResultSettings& settings);

}  // namespace benchctl::store

// The policy's JSON, {"alpha": 0.01, ..., "time": "real"}, wherever a policy is written.
template <>
struct nlohmann::adl_serializer<benchctl::stats::Policy> {
  static void to_json(json& json, const benchctl::stats::Policy& policy);
  static void from_json(const json& json, benchctl::stats::Policy& policy);
};
