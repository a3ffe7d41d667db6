// benchctl ab SUITE --a DIR --b DIR: two builds of the same plugins measured side by side, worker
// processes alternating pair by pair, and compared pair by pair.
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "analysis/comparison.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/gate.h"
#include "cli/report_output.h"
#include "runner/ab_runner.h"
#include "suite/parser.h"
#include "util/error.h"
#include "util/subprocess.h"
#include "workflow/builds.h"
#include "workflow/measuring.h"

namespace benchctl::cli {
namespace {

namespace fs = std::filesystem;

using workflow::on_build;
using workflow::plugins_of;
using workflow::union_of;

runner::AbPlan plan(const std::string& suite_file, const plugin::PluginCatalog& a,
                    const plugin::PluginCatalog& b, const std::optional<std::string>& filter,
                    const std::optional<std::string>& plugin_name, const std::string& affinity) {
  const suite::Variables variables = {{"benchctl", util::current_executable().string()}};
  suite::ResolvedSuite resolved =
      suite::resolve(suite::load_suite(suite_file, variables), union_of(a, b));
  std::erase_if(resolved.jobs,
                [](const suite::Job& job) { return job.kind != suite::EntryKind::benchmark; });
  if (resolved.jobs.empty()) {
    throw InputError(
        fmt::format("{}: no plugin benchmarks to compare (commands and file sizes do "
                    "not depend on the plugin directories)",
                    suite_file));
  }
  suite::select_jobs(resolved, filter, plugin_name);
  apply_affinity_option(resolved, affinity);
  runner::AbPlan ab;
  ab.a.suite = ab.b.suite = resolved.suite;
  ab.a.plugins = plugins_of(resolved.suite, a);
  ab.b.plugins = plugins_of(resolved.suite, b);
  for (const suite::Job& job : resolved.jobs) {
    const auto in_a = on_build(job, a);
    const auto in_b = on_build(job, b);
    if (in_a && in_b) {
      ab.a.jobs.push_back(*in_a);
      ab.b.jobs.push_back(*in_b);
    } else {
      (in_a ? ab.only_a : ab.only_b).push_back(job.name);
    }
  }
  if (ab.a.jobs.empty())
    throw InputError(fmt::format("{}: the two builds have no benchmark in common", suite_file));
  return ab;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The verb's options, checked.
struct AbOptions {
  CommonOptions common;
  ReportOptions report;
  std::string suite_file, dir_a, dir_b, label_a, label_b, filter, plugin_name, affinity;
  int min_pairs = runner::AbSettings().min_pairs, max_pairs = runner::AbSettings().max_pairs;
};

// --pairs N fixes both bounds; auto keeps --min-pairs and --max-pairs.
void apply_pairs(AbOptions& o, const std::string& pairs, const po::variables_map& values) {
  if (pairs != "auto") {
    if (values.count("min-pairs") || values.count("max-pairs"))
      throw UsageError("ab: --min-pairs and --max-pairs go with --pairs auto");
    try {
      std::size_t used = 0;
      o.min_pairs = o.max_pairs = std::stoi(pairs, &used);
      if (used != pairs.size())
        throw std::invalid_argument(pairs);
    } catch (const std::exception&) {
      throw UsageError(fmt::format("ab --pairs '{}': expected a number of pairs or auto", pairs));
    }
  }
  if (o.min_pairs < 2 || o.max_pairs < o.min_pairs || o.max_pairs > 10000) {
    throw UsageError(fmt::format("ab: {} to {} pairs, expected 2 <= minimum <= maximum <= 10000",
                                 o.min_pairs, o.max_pairs));
  }
}

// Nothing when --help was asked for.
std::optional<AbOptions> parse_ab_options(const Args& args) {
  AbOptions o;
  std::string pairs = "auto";
  po::options_description options("ab options");
  options.add_options()("suite", po::value(&o.suite_file)->required(), "the suite file")(
      "a", po::value(&o.dir_a)->required()->value_name("BUILD"),
      "build A: a directory of plugins, or the build a stored run kept (a run id, latest, or a "
      "baseline's name)")("b", po::value(&o.dir_b)->required()->value_name("BUILD"),
                          "build B, as --a")("label-a", po::value(&o.label_a)->value_name("TEXT"),
                                             "build A's name (default: its directory or run)")(
      "label-b", po::value(&o.label_b)->value_name("TEXT"),
      "build B's name (default: its directory or run)")(
      "filter", po::value(&o.filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "plugin", po::value(&o.plugin_name)->value_name("NAME"), "only this plugin's benchmarks")(
      "affinity", po::value(&o.affinity)->value_name("CPUS"),
      "pin every worker process to these CPUs and keep benchctl off them (default: the suite's "
      "affinity, else the isolated CPUs)")(
      "pairs", po::value(&pairs)->value_name("N|auto"),
      "pairs of processes per benchmark: a number, or auto (default: until decided)")(
      "min-pairs", po::value(&o.min_pairs)->value_name("N"),
      fmt::format("auto: pairs before the first look ({})", o.min_pairs).c_str())(
      "max-pairs", po::value(&o.max_pairs)->value_name("N"),
      fmt::format("auto: pairs at most ({})", o.max_pairs).c_str());
  add_db_option(options, o.common);
  add_report_options(options, o.report);
  po::variables_map values;
  if (!parse_arguments("ab", "SUITE", args, options, {{"suite", 1}}, values))
    return std::nullopt;
  check_report_options(o.report);
  apply_pairs(o, pairs, values);
  std::error_code error;
  if (o.dir_a == o.dir_b || fs::equivalent(o.dir_a, o.dir_b, error)) {
    throw UsageError(fmt::format("ab: --a and --b both name {}, expected two builds", o.dir_a));
  }
  return o;
}

}  // namespace

int ab_verb(const Args& args) {
  const std::optional<AbOptions> parsed = parse_ab_options(args);
  if (!parsed)
    return kExitOk;
  const AbOptions& o = *parsed;
  const workflow::Build a = named_build("--a", o.dir_a, o.common);
  const workflow::Build b = named_build("--b", o.dir_b, o.common);
  const runner::AbPlan ab = plan(
      o.suite_file, a.catalog, b.catalog, o.filter.empty() ? std::nullopt : std::optional(o.filter),
      o.plugin_name.empty() ? std::nullopt : std::optional(o.plugin_name), o.affinity);
  auto store = open_store_for_writing(o.common);
  util::install_interrupt_handlers();

  runner::AbSettings settings;
  settings.label_a = o.label_a.empty() ? a.label : o.label_a;
  settings.label_b = o.label_b.empty() ? b.label : o.label_b;
  settings.min_pairs = o.min_pairs;
  settings.max_pairs = o.max_pairs;
  const runner::AbOutcome outcome =
      workflow::measure_ab(ab, *store, database_path(o.common).string(), settings);

  analysis::RunComparison comparison =
      analysis::compare_pairs(store->load_run(outcome.run_a), settings.label_a,
                              store->load_run(outcome.run_b), settings.label_b, std::nullopt);
  if (!ab.only_a.empty()) {
    comparison.notes.push_back(
        fmt::format("only build A ({}) has: {}", settings.label_a, joined(ab.only_a)));
  }
  if (!ab.only_b.empty()) {
    comparison.notes.push_back(
        fmt::format("only build B ({}) has: {}", settings.label_b, joined(ab.only_b)));
  }
  if (workflow::same_files(a, b)) {
    comparison.notes.push_back(
        "the two builds hold the same plugin files: what the pairs show is the machine's");
  }
  const int exit = emit_report(nullptr, &comparison, o.report, database_path(o.common));
  if (outcome.failed > 0 && parse_gates(o.report.fail_on).failure)
    return kExitBenchmarkFailed;
  return exit;
}

}  // namespace benchctl::cli
