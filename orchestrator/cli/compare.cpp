// benchctl compare BASELINE [CURRENT]: benchmark by benchmark, matched by name, with verdicts.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <optional>
#include <regex>

#include "analysis/stored_comparison.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/gate.h"
#include "cli/report_output.h"
#include "util/error.h"
#include "util/subprocess.h"
#include "workflow/profiling.h"
#include "workflow/settle.h"

namespace benchctl::cli {

namespace {

// The verb's options, checked.
struct CompareOptions {
  CommonOptions common;
  ReportOptions report;
  std::string baseline, current, run, filter, confirm_with, profile_with = "callgrind";
  bool cross_machine = false, profile = false;
  std::optional<std::regex> pattern;
  workflow::Resolve resolve = workflow::Resolve::automatic;
};

// Nothing when --help was asked for.
std::optional<CompareOptions> parse_compare_options(const Args& args) {
  CompareOptions o;
  std::string resolve = "auto";
  po::options_description options("compare options");
  options.add_options()("baseline", po::value(&o.baseline)->required(),
                        "a baseline name, run id, 'latest' or runs 12,13,14")(
      "current", po::value(&o.current),
      "what to compare with it, as BASELINE (default: --run, else the latest run)")(
      "run", po::value(&o.run)->value_name("ID"), "the run to compare with the baseline")(
      "filter", po::value(&o.filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "resolve", po::value(&resolve)->value_name("auto|always|never"),
      "measure what the stored runs leave undecided again as pairs of the two stored builds on "
      "this machine; the gate uses the pairs. auto (default): what a --fail-on verdict gate "
      "depends on, when both runs kept their builds; always: every benchmark not decided no "
      "change")(
      "confirm-with", po::value(&o.confirm_with)->value_name("DIR"),
      "settle by pairs with the baseline's build taken from DIR (its plugins) instead of the "
      "stored one")(
      "cross-machine", po::bool_switch(&o.cross_machine),
      "gate on a comparison of runs from different machines (without it, such a comparison is "
      "reported with a warning and --fail-on is refused: exit 2)")(
      "profile", po::bool_switch(&o.profile),
      "profile every confirmed regression on both stored builds: where the current one spends "
      "more (benchctl profile --against)")("profile-with",
                                           po::value(&o.profile_with)->value_name("TOOL"),
                                           "--profile with callgrind (default) or perf");
  add_db_option(options, o.common);
  add_report_options(options, o.report);
  po::variables_map values;
  // Each side a run id, 'latest', runs 12,13,14 or a baseline.
  if (!parse_arguments("compare", "BASELINE [CURRENT]", args, options,
                       {{"baseline", 1}, {"current", 1}}, values))
    return std::nullopt;
  check_report_options(o.report);
  o.resolve = workflow::parse_resolve(resolve, "compare --resolve");
  if (!o.confirm_with.empty() && o.resolve == workflow::Resolve::never)
    throw UsageError("compare: --confirm-with settles by pairs, --resolve never does not");
  if (!o.current.empty() && !o.run.empty())
    throw UsageError("compare: give CURRENT or --run, not both");
  if (values.count("profile-with") && !o.profile)
    throw UsageError("compare: --profile-with goes with --profile");
  o.pattern = parse_filter(o.filter);
  return o;
}

}  // namespace

int compare_verb(const Args& args) {
  const std::optional<CompareOptions> parsed = parse_compare_options(args);
  if (!parsed)
    return kExitOk;
  const CompareOptions& o = *parsed;
  auto store = open_store_for_reading(o.common);
  const RunReference before = resolve_runs(o.baseline, *store);
  const RunReference after = resolve_runs(!o.current.empty() ? o.current
                                          : !o.run.empty()   ? o.run
                                                             : "latest",
                                          *store);
  workflow::SettleRequest settling;
  settling.resolve = o.resolve;
  if (!o.confirm_with.empty())
    settling.baseline_build = workflow::directory_build("--confirm-with", o.confirm_with);
  analysis::RunComparison comparison = analysis::compare_stored(
      *store, {before.run_ids, before.label}, {after.run_ids, after.label}, o.pattern);
  if (comparison.benchmarks.empty()) {
    throw InputError(fmt::format("compare: no benchmarks{} in {} or {}",
                                 o.filter.empty() ? "" : " matching --filter '" + o.filter + "'",
                                 before.label, after.label));
  }
  settling.benchmarks = workflow::benchmarks_to_settle(comparison, settling.resolve,
                                                       parse_gates(o.report.fail_on).on_verdicts());
  if (!settling.benchmarks.empty()) {
    util::install_interrupt_handlers();
    settling.database = database_path(o.common).string();
    workflow::settle_by_pairs(comparison, before.newest(), after.newest(), *store, settling);
  }
  if (o.profile) {
    util::install_interrupt_handlers();
    workflow::ProfileSettings profiling;
    profiling.tool = chosen_profile_tool(o.profile_with, "compare --profile-with");
    workflow::profile_regressions(comparison, before.newest(), after.newest(), profiling, *store);
  }
  int exit = emit_report(nullptr, &comparison, o.report, database_path(o.common));
  for (const RunReference* side : {&before, &after}) {
    if (!side->incomplete.empty()) {
      std::cerr << "benchctl: " << side->incomplete << "\n";
      exit = std::max(exit, int{kExitBenchmarkFailed});
    }
  }
  if (comparison.cross_machine() && !o.cross_machine && o.report.fail_on != "none") {
    throw UsageError(fmt::format(
        "compare: {} ran on {} and {} on {}; a gate on machines that differ measures the "
        "machines, expected --cross-machine to gate on it anyway (or --fail-on none)",
        comparison.baseline.reference, fmt::join(comparison.baseline.machines, ", "),
        comparison.current.reference, fmt::join(comparison.current.machines, ", ")));
  }
  return exit;
}

}  // namespace benchctl::cli
