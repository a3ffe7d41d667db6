#include "cli/common.h"

#include <fmt/format.h>
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "runner/affinity.h"
#include "runner/environment.h"
#include "runner/measurer.h"
#include "runner/profiler.h"
#include "store/location.h"
#include "store/postgres_module.h"
#include "suite/parser.h"
#include "util/error.h"
#include "util/file.h"
#include "util/split.h"
#include "util/subprocess.h"
#include "workflow/builds.h"
#include "workflow/run_groups.h"

namespace benchctl::cli {

void add_db_option(po::options_description& options, CommonOptions& common) {
  options.add_options()("db", po::value(&common.db)->value_name("PATH"),
                        "database file (default: $BENCHCTL_DB, else results/benchctl.db)");
}

void add_plugin_path_option(po::options_description& options, CommonOptions& common) {
  options.add_options()("plugin-path",
                        po::value(&common.plugin_paths)->value_name("PATH")->composing(),
                        "a plugin file or a directory of benchctl_*.so files, searched before "
                        "$BENCHCTL_PLUGIN_PATH and the plugins next to benchctl (repeatable)");
}

namespace {

// An option as the usage line shows it: "--filter REGEX", or "--force" for a flag.
std::string option_synopsis(const po::option_description& option) {
  std::string synopsis = "--" + option.long_name();
  if (option.semantic()->max_tokens() == 0)
    return synopsis;
  std::string value = option.semantic()->name();
  if (const auto default_shown = value.find(" (="); default_shown != std::string::npos)
    value.erase(default_shown);
  return synopsis + " " + value;
}

// Whether `name` is an operand. The last operand may repeat without end (max_total_count is then
// UINT_MAX); no verb has more than a few, so looking at the first 16 positions finds every name.
bool is_positional(const std::string& name, const po::positional_options_description& positional) {
  for (unsigned position = 0; position < std::min(positional.max_total_count(), 16U); ++position) {
    if (positional.name_for_position(position) == name)
      return true;
  }
  return false;
}

// The pieces of a verb's usage: "benchctl VERB OPERANDS", then each option but --help and the
// positional ones, in brackets unless required.
std::vector<std::string> usage_pieces(const std::string& verb, const std::string& operands,
                                      const po::options_description& options,
                                      const po::positional_options_description& positional) {
  std::vector<std::string> pieces{"benchctl " + verb + (operands.empty() ? "" : " " + operands)};
  for (const auto& option : options.options()) {
    if (option->long_name() == "help" || is_positional(option->long_name(), positional))
      continue;
    const std::string synopsis = option_synopsis(*option);
    pieces.push_back(option->semantic()->is_required() ? synopsis : "[" + synopsis + "]");
  }
  return pieces;
}

// The pieces on lines of at most `width` columns, each line after the first indented by `indent`.
std::string wrapped(const std::vector<std::string>& pieces, std::size_t width, std::size_t indent) {
  std::string text, line;
  for (const std::string& piece : pieces) {
    if (!line.empty() && line.size() + 1 + piece.size() > width) {
      text += line + "\n";
      line = std::string(indent, ' ') + piece;
    } else {
      line += (line.empty() ? "" : " ") + piece;
    }
  }
  return text + line;
}

}  // namespace

bool parse_arguments(const std::string& verb, const std::string& usage_operands, const Args& args,
                     po::options_description& options, const std::vector<Operand>& operands,
                     po::variables_map& values) {
  po::positional_options_description positional;
  for (const Operand& operand : operands)
    positional.add(operand.name.c_str(), operand.count);
  const std::vector<std::string> usage = usage_pieces(verb, usage_operands, options, positional);
  options.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    if (values.count("help")) {
      // The operands are in the usage line; the options follow, each with what it does.
      po::options_description shown(verb + " options");
      for (const auto& option : options.options()) {
        if (!is_positional(option->long_name(), positional))
          shown.add(option);
      }
      std::cout << "usage: " << wrapped(usage, 93, 7) << "\n\n" << shown << "\n";
      return false;
    }
    po::notify(values);
  } catch (const po::error& e) {
    throw UsageError(fmt::format("{}: {} (see benchctl {} --help)", verb, e.what(), verb));
  }
  return true;
}

std::optional<std::regex> parse_filter(const std::string& filter) {
  if (filter.empty())
    return std::nullopt;
  try {
    return std::regex(filter);
  } catch (const std::regex_error& e) {
    throw UsageError(
        fmt::format("--filter '{}' is not a valid regular expression: {}", filter, e.what()));
  }
}

std::string read_input_file(const std::string& file, const std::string& expected) {
  constexpr std::uintmax_t kLargestInputMiB = 256;
  std::string text;
  if (const auto problem = util::read_regular_file(file, kLargestInputMiB, expected, text))
    throw InputError(fmt::format("{}: cannot read: {}", file, *problem));
  return text;
}

store::DatabaseLocation database_location(const CommonOptions& common) {
  if (!common.db.empty())
    return store::parse_database_location(common.db, "--db");
  if (const char* environment = std::getenv("BENCHCTL_DB");
      environment != nullptr && *environment != '\0') {
    return store::parse_database_location(environment, "BENCHCTL_DB");
  }
  return store::parse_database_location((std::filesystem::path("results") / "benchctl.db").string(),
                                        "the default database");
}

std::filesystem::path database_path(const CommonOptions& common) {
  return database_location(common).shown();
}

std::unique_ptr<store::Store> open_store(const store::DatabaseLocation& location) {
  auto store = location.kind == store::DatabaseLocation::Kind::postgresql
                   ? store::open_postgres_store(location.url, util::current_executable())
                   : store::open_sqlite_store(location.file);
  store->mark_abandoned_runs();
  return store;
}

std::unique_ptr<store::Store> open_store_for_writing(const CommonOptions& common) {
  return open_store(database_location(common));
}

std::unique_ptr<store::Store> open_store_for_reading(const CommonOptions& common) {
  const store::DatabaseLocation location = database_location(common);
  std::error_code error;
  if (location.kind == store::DatabaseLocation::Kind::sqlite &&
      !std::filesystem::exists(location.file, error)) {
    throw InputError(fmt::format("{}: no database here yet (run a suite first, or pass --db)",
                                 location.file.string()));
  }
  return open_store(location);
}

plugin::PluginCatalog discover(const CommonOptions& common) {
  const auto executable = util::current_executable();
  const auto search_path = plugin::plugin_search_path(
      common.plugin_paths, std::getenv("BENCHCTL_PLUGIN_PATH"), executable);
  return plugin::discover_plugins(plugin::plugin_files(search_path), executable);
}

suite::Suite load_suite_file(const std::string& suite_file) {
  const suite::Variables variables = {{"benchctl", util::current_executable().string()}};
  return suite::load_suite(suite_file, variables);
}

suite::ResolvedSuite load_and_resolve(const std::string& suite_file, const CommonOptions& common) {
  suite::Suite suite = load_suite_file(suite_file);
  const bool needs_plugins = !suite.plugins.empty();
  suite::ResolvedSuite resolved =
      suite::resolve(std::move(suite), needs_plugins ? discover(common) : plugin::PluginCatalog{});
  runner::require_helpers(util::current_executable(), resolved.jobs);
  return resolved;
}

bool names_a_run(const std::string& text) {
  return text == "latest" ||
         (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos);
}

namespace {

std::optional<store::Baseline> find_baseline_or_fail(const std::string& text, store::Store& store) {
  if (auto baseline = store.find_baseline(text))
    return baseline;
  std::string names;
  for (const auto& baseline : store.list_baselines())
    names += (names.empty() ? "" : ", ") + baseline.name;
  throw InputError(fmt::format(
      "'{}' is neither a run id, 'latest', a list of run ids, nor a baseline (baselines: {})", text,
      names.empty() ? "none saved yet" : names));
}

}  // namespace

void apply_measure_options(suite::ResolvedSuite& resolved, const std::string& measure,
                           bool cache_simulation) {
  std::optional<suite::Measures> measures;
  if (!measure.empty()) {
    measures = suite::Measures::from_names(util::split(measure, ','));
    if (!measures) {
      throw UsageError(fmt::format(
          "--measure '{}', expected time, instructions or allocations, or a comma-separated list "
          "of them (time,allocations)",
          measure));
    }
  }
  suite::override_measures(resolved, measures, cache_simulation);
  suite::check_counted_budgets(resolved);
  if (suite::measures_allocations(resolved)) {
    if (!BENCHCTL_ALLOCATION_COUNTING) {
      throw InputError(fmt::format(
          "{}: counting allocations is not available in a sanitizer build (the sanitizer's "
          "runtime owns the allocator), expected a build without BENCHCTL_SANITIZE",
          resolved.suite.file.string()));
    }
    runner::require_helpers(util::current_executable(), resolved.jobs);
  }
  if (suite::measures_instructions(resolved) && !runner::valgrind_version()) {
    throw InputError(fmt::format(
        "{}: counting instructions needs valgrind and setarch on the PATH (ci/install-deps.sh "
        "installs them), and one of them is missing",
        resolved.suite.file.string()));
  }
}

void apply_affinity_option(suite::ResolvedSuite& resolved, const std::string& affinity) {
  std::optional<util::CpuSet> chosen;
  if (!affinity.empty()) {
    try {
      chosen = util::CpuSet::parse(affinity, "--affinity");
    } catch (const InputError& e) {
      throw UsageError(e.what());
    }
  }
  runner::assign_affinity(resolved, chosen, runner::isolated_cpus());
}

RunReference resolve_runs(const std::string& text, store::Store& store) {
  if (text.find(',') != std::string::npos) {
    RunReference reference;
    std::string listed;
    for (const std::string& piece : util::split(text, ',')) {
      const std::int64_t id = parse_run_reference(piece, store);
      if (std::find(reference.run_ids.begin(), reference.run_ids.end(), id) !=
          reference.run_ids.end()) {
        throw UsageError(fmt::format("'{}' names run {} twice, expected distinct runs", text, id));
      }
      reference.run_ids.push_back(id);
      listed += (listed.empty() ? "" : ", ") + std::to_string(id);
    }
    reference.label = "runs " + listed;
    return reference;
  }
  if (names_a_run(text)) {
    const std::int64_t id = parse_run_reference(text, store);
    return {{id}, fmt::format("run {}", id), ""};
  }
  if (const auto group = workflow::named_group(text, store)) {
    const workflow::GroupStanding standing = workflow::standing_of(*group);
    const std::string missing = fmt::format("{}", fmt::join(standing.missing, "; "));
    if (standing.run_ids.empty()) {
      throw InputError(fmt::format("group {} has no complete shard yet: {}", group->name, missing));
    }
    return {
        standing.run_ids, "group " + group->name,
        standing.complete() ? "" : fmt::format("group {} is incomplete: {}", group->name, missing)};
  }
  const auto baseline = find_baseline_or_fail(text, store);
  return {baseline->run_ids, baseline->name, ""};
}

store::RunRecord load_as_one_run(const RunReference& reference, store::Store& store) {
  if (!reference.incomplete.empty())
    std::cerr << "benchctl: " << reference.incomplete << "\n";
  if (reference.run_ids.size() == 1)
    return store.load_run(reference.run_ids.front());
  return workflow::load_as_one_run(store, reference.run_ids, reference.label);
}

std::int64_t resolve_run(const std::string& text, store::Store& store) {
  if (text.starts_with("group:")) {
    throw UsageError(fmt::format(
        "'{}' names a run group, several runs: expected one run here (show, compare and "
        "baseline save read a group)",
        text));
  }
  if (names_a_run(text))
    return parse_run_reference(text, store);
  return find_baseline_or_fail(text, store)->run_ids.back();
}

void check_baseline_name(const std::string& name) {
  const bool number = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
  const bool blank = name.find_first_of(" \t\n\r") != std::string::npos;
  if (name.empty() || number || name == "latest" || blank) {
    throw UsageError(
        fmt::format("'{}' cannot be a baseline name: expected a name such as phase10-final (not a "
                    "number, not 'latest', no blanks)",
                    name));
  }
}

std::int64_t parse_run_reference(const std::string& text, store::Store& store) {
  if (text == "latest") {
    const auto latest = store.latest_run_id();
    if (!latest)
      throw InputError("no runs stored yet: `benchctl run SUITE` measures one");
    return *latest;
  }
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw UsageError(fmt::format(
        "'{}' is not a run: expected a run id (see `benchctl runs`) or 'latest'", text));
  }
  return std::stoll(text);
}

workflow::Build named_build(const std::string& option, const std::string& text,
                            const CommonOptions& common) {
  std::error_code error;
  if (text.find('/') != std::string::npos || std::filesystem::exists(text, error))
    return workflow::directory_build(option, text);
  auto store = open_store_for_reading(common);
  std::int64_t run = 0;
  try {
    run = resolve_run(text, *store);
  } catch (const Error& e) {
    throw InputError(fmt::format("{} {}: not a directory of plugins; {}", option, text, e.what()));
  }
  workflow::Build build = workflow::stored_build(*store, store->load_run(run));
  if (!names_a_run(text))
    build.label = fmt::format("{} (run {})", text, run);
  return build;
}

runner::ProfileTool chosen_profile_tool(const std::string& with, const std::string& option) {
  if (with == "callgrind")
    return runner::ProfileTool::callgrind;
  if (with != "perf")
    throw UsageError(fmt::format("{} '{}': expected callgrind or perf", option, with));
  if (const auto why = runner::perf_unavailable()) {
    std::cerr << fmt::format("benchctl: {}: perf cannot profile here: {}; using callgrind\n",
                             option, *why);
    return runner::ProfileTool::callgrind;
  }
  return runner::ProfileTool::perf;
}

}  // namespace benchctl::cli
