// A suite as its YAML file declares it, after validation: every field checked, every unit
// parsed, every position kept so that later errors can still point into the file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stats/verdict.h"

namespace benchctl::suite {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;

  // "suites/tools.yaml:12:7"
  std::string str() const;
};

// Settings a suite's `defaults:` gives and a benchmark entry may override.
struct Settings {
  std::optional<int> processes;    // worker processes per benchmark, the unit of replication
  std::optional<int> repetitions;  // Google Benchmark repetitions inside each process
  std::optional<double> min_time;  // seconds per repetition
  std::optional<double> warmup;    // seconds of warm-up before the first repetition
  std::optional<double> timeout;   // seconds one worker process may take before it is killed
  std::optional<int> runs;         // command entries: timed runs
  std::optional<int> warmup_runs;  // command entries: untimed runs first

  // Fields set here replace those of `base`.
  Settings overlaid_on(const Settings& base) const;
};

// Built-in defaults, used where a suite's `defaults:` is silent.
Settings builtin_defaults();

// The regression policy a suite's `policy:` (or an entry's) sets; unset fields fall back.
struct PolicySettings {
  std::optional<double> alpha;
  std::optional<double> noise_floor;
  std::optional<double> warn;
  std::optional<double> fail;
  std::optional<double> confidence;
  std::optional<bool> cpu_time;

  PolicySettings overlaid_on(const PolicySettings& base) const;
  // With the built-in policy (alpha 0.01, noise floor 1%, warn 5%, fail 10%, 95% interval)
  // where unset.
  stats::Policy resolve() const;
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
  max_rss,
  max_size,        // bytes
  min_throughput,  // bytes or items per second
  min_counter,
  max_counter  // a named Google Benchmark counter
};

struct Budget {
  BudgetMetric metric = BudgetMetric::median;
  double limit = 0;
  bool limit_is_bytes_rate = false;  // min_throughput: bytes/s (true) or items/s (false)
  bool hard = true;                  // a hard budget fails the run, a soft one warns
  std::string counter;               // min_counter and max_counter: which counter
  SourceLocation where;
};

std::string to_string(BudgetMetric metric);
const std::vector<BudgetMetric>& all_budget_metrics();
std::optional<BudgetMetric> budget_metric_from_string(const std::string& name);

enum class EntryKind { benchmark, command, file_size };
std::string to_string(EntryKind kind);

struct Entry {
  EntryKind kind = EntryKind::benchmark;
  std::string name;                  // benchmark: exact name or glob; otherwise the result's name
  std::vector<std::string> command;  // command: argv, or {"/bin/sh", "-c", text}
  std::string file;                  // file_size: the file, relative paths against the suite
  Settings settings;                 // overrides of the suite's defaults
  PolicySettings policy;             // overrides of the suite's policy
  std::vector<Budget> budgets;
  SourceLocation where;
};

struct PluginReference {
  std::string name;
  SourceLocation where;
};

struct Suite {
  std::filesystem::path file;
  std::string name;
  std::string description;
  std::vector<PluginReference> plugins;
  Settings defaults;  // builtin_defaults() with the suite's `defaults:` laid over them
  PolicySettings policy;
  std::vector<Entry> entries;
  SourceLocation where;  // the top of the file
};

}  // namespace benchctl::suite
