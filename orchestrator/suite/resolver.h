// Turns a validated suite into the concrete list of benchmarks to measure: exact names checked
// and globs expanded against the plugins' catalog, later entries overriding earlier ones.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "plugin/catalog.h"
#include "suite/suite.h"

namespace benchctl::suite {

// One benchmark to measure, with its settings complete.
struct Job {
  std::string name;
  EntryKind kind = EntryKind::benchmark;
  std::string plugin;                   // benchmark jobs
  std::filesystem::path plugin_file;    // benchmark jobs
  std::vector<std::string> command;     // command jobs
  std::string file;                     // file_size jobs
  std::optional<store::LoadSpec> load;  // load jobs (plugin and plugin_file: the operation's)
  Settings settings;                    // every field set
  PolicySettings policy;                // the suite's policy with the entries' laid over it
  std::vector<Budget> budgets;
  SourceLocation where;  // the entry that first named it
};

struct ResolvedSuite {
  Suite suite;
  std::vector<plugin::PluginInfo> plugins;  // the plugins the suite names
  std::vector<Job> jobs;

  Schedule schedule() const { return suite.schedule.value_or(Schedule::interleaved); }
};

// Throws InputError at the entry's position for an unknown plugin, an unknown benchmark or a
// glob that matches nothing.
ResolvedSuite resolve(Suite suite, const plugin::PluginCatalog& catalog);

// Keeps the jobs whose name matches `filter` (a regular expression searched in the name) and
// that belong to `plugin`. Throws UsageError when nothing is left.
void select_jobs(ResolvedSuite& resolved, const std::optional<std::string>& filter,
                 const std::optional<std::string>& plugin);

bool is_glob(const std::string& pattern);

// Measures every benchmark job as `measures` says (`run --measure`, `--cache-simulation`).
void override_measures(ResolvedSuite& resolved, const std::optional<Measures>& measures,
                       bool cache_simulation);

// Throws InputError at the budget's position for a max_instructions budget on a benchmark that
// does not measure instructions, and a max_allocs or max_alloc_bytes one on a benchmark that does
// not count its allocations.
void check_counted_budgets(const ResolvedSuite& resolved);

// Whether any job measures instructions (which needs valgrind).
bool measures_instructions(const ResolvedSuite& resolved);
// Whether any job counts its allocations (which needs benchctl-alloc.so).
bool measures_allocations(const ResolvedSuite& resolved);

}  // namespace benchctl::suite
