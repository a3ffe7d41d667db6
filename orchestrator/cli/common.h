// What several verbs share: the database and plugin-path options, and the steps from a suite
// file to a resolved suite.
#pragma once

#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "cli/verbs.h"
#include "plugin/catalog.h"
#include "runner/profiler.h"
#include "store/location.h"
#include "store/store.h"
#include "suite/resolver.h"
#include "workflow/builds.h"

namespace benchctl::cli {

namespace po = boost::program_options;

struct CommonOptions {
  std::string db;
  std::vector<std::string> plugin_paths;
};

void add_db_option(po::options_description& options, CommonOptions& common);
void add_plugin_path_option(po::options_description& options, CommonOptions& common);

// A positional argument: its option's name, and how many words it takes (-1: all that are left).
struct Operand {
  std::string name;
  int count = 1;
};

// Parses a verb's arguments; throws UsageError naming the verb. Returns false when --help was
// given: the help has been printed, its usage line made of `usage_operands` (how the verb's
// positional arguments go, such as "SUITE" or "BASELINE [CURRENT]") and of every option, so that
// it lists each option the verb takes.
bool parse_arguments(const std::string& verb, const std::string& usage_operands, const Args& args,
                     po::options_description& options, const std::vector<Operand>& operands,
                     po::variables_map& values);

// --db, else BENCHCTL_DB, else results/benchctl.db (relative to the working directory): a SQLite
// file or a postgresql:// URL (store/location.h). Throws UsageError for a URL of another scheme.
store::DatabaseLocation database_location(const CommonOptions& common);
// How messages name the database: its file, or its URL without the password.
std::filesystem::path database_path(const CommonOptions& common);
// Opens the store and marks the runs whose writer is gone as incomplete.
std::unique_ptr<store::Store> open_store(const store::DatabaseLocation& location);

// The --filter pattern, none when empty; UsageError when it is not a regular expression.
std::optional<std::regex> parse_filter(const std::string& filter);

// The text of an input file the user named (an import, an earlier history): a regular file of at
// most 256 MiB, else InputError "FILE: cannot read: ...".
std::string read_input_file(const std::string& file, const std::string& expected);
std::unique_ptr<store::Store> open_store_for_writing(const CommonOptions& common);
// For verbs that only read: a missing database is an input error, not a new empty file.
std::unique_ptr<store::Store> open_store_for_reading(const CommonOptions& common);

plugin::PluginCatalog discover(const CommonOptions& common);

// Loads and validates a suite file, without its plugins.
suite::Suite load_suite_file(const std::string& suite_file);

// Loads, validates and resolves a suite against the plugins. Nothing is written.
suite::ResolvedSuite load_and_resolve(const std::string& suite_file, const CommonOptions& common);

// --measure (time, instructions, allocations or a comma-separated list) and --cache-simulation,
// laid over every benchmark of `resolved`; then what counting needs: budgets that are about the
// counts, valgrind for instructions, the allocation counter for allocations. Throws UsageError for
// a bad --measure, InputError for the rest.
void apply_measure_options(suite::ResolvedSuite& resolved, const std::string& measure,
                           bool cache_simulation);

// --affinity LIST (run, ab): every worker process pinned to those CPUs; without it (empty), each
// job keeps the suite's `affinity`, else the machine's isolated CPUs. Throws UsageError for text
// that is not a CPU list, InputError for CPUs this process may not use.
void apply_affinity_option(suite::ResolvedSuite& resolved, const std::string& affinity);

// "latest" or a run id.
std::int64_t parse_run_reference(const std::string& text, store::Store& store);

// Runs named the way users name them: a run id, "latest", a list "12,13,14", a baseline's name
// (all its runs), or a run group "group:NAME" (the newest complete run of each of its shards).
struct RunReference {
  std::vector<std::int64_t> run_ids;  // as named
  std::string label;                  // "tools-v1", "run 12", "runs 12, 13, 14", "group nightly"
  // A group without a complete run of every shard: "group nightly is incomplete: shard 3 of 4:
  // no run"; empty otherwise.
  std::string incomplete;

  // The newest of the runs: the one whose build settles by pairs and is profiled.
  std::int64_t newest() const { return *std::max_element(run_ids.begin(), run_ids.end()); }
};
RunReference resolve_runs(const std::string& text, store::Store& store);

// Whether `text` names a run ("latest" or a run id) rather than a baseline.
bool names_a_run(const std::string& text);

// One run: a run id, "latest", or a baseline's name (its newest run). Throws UsageError for a
// group, which is several runs.
std::int64_t resolve_run(const std::string& text, store::Store& store);

// The runs `reference` names as one run (a group's shards' results together), and on stderr
// whether it is incomplete.
store::RunRecord load_as_one_run(const RunReference& reference, store::Store& store);

// A baseline name may not be a number or "latest" (they name runs) nor hold blanks.
void check_baseline_name(const std::string& name);

// A build named on the command line (ab's --a and --b, profile's --against): a directory of plugin
// files, or the build a stored run kept (a run id, 'latest', a baseline's name: its newest run).
// Throws InputError naming `option` when it is neither.
workflow::Build named_build(const std::string& option, const std::string& text,
                            const CommonOptions& common);

// --with TOOL (profile) and --profile-with TOOL (compare): callgrind, or perf where this machine
// allows it (else callgrind, said on stderr). Throws UsageError naming `option` for another tool.
runner::ProfileTool chosen_profile_tool(const std::string& with, const std::string& option);

}  // namespace benchctl::cli
