// A suite as its YAML file declares it, after validation: every field checked, every unit
// parsed, every position kept so that later errors can still point into the file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stats/verdict.h"
#include "store/result_settings.h"

namespace benchctl::suite {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;

  // "suites/tools.yaml:12:7"
  std::string str() const;
};

// The settings a suite's `defaults:` gives and an entry may override.
using Settings = store::Settings;
using Measures = store::Measures;

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

using BudgetMetric = store::BudgetMetric;

// A budget as a suite declares it: what is stored with the result, and where it was written.
struct Budget : store::BudgetSpec {
  SourceLocation where;
};

using EntryKind = store::ResultKind;

struct Entry {
  EntryKind kind = EntryKind::benchmark;
  std::string name;                  // benchmark: exact name or glob; otherwise the result's name
  std::vector<std::string> command;  // command: argv, or {"/bin/sh", "-c", text}
  std::string file;                  // file_size: the file, relative paths against the suite
  std::optional<store::LoadSpec> load;  // load: the scenario
  Settings settings;                    // overrides of the suite's defaults
  PolicySettings policy;                // overrides of the suite's policy
  std::vector<Budget> budgets;
  SourceLocation where;
};

// The order of a run's worker processes (runner/schedule.h).
enum class Schedule { interleaved, sequential };
std::string to_string(Schedule schedule);

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
  std::optional<Schedule> schedule;  // interleaved when no file sets it
  std::vector<Entry> entries;
  SourceLocation where;  // the top of the file
};

}  // namespace benchctl::suite
