// benchctl compare BASELINE [CURRENT]: benchmark by benchmark, matched by name, with verdicts.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
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

int compare_verb(const Args& args) {
  CommonOptions common;
  ReportOptions report;
  std::string baseline, current, run, filter, confirm_with, resolve = "auto",
                                                            profile_with = "callgrind";
  bool cross_machine = false, profile = false;
  po::options_description options("compare options");
  options.add_options()("baseline", po::value(&baseline)->required(),
                        "a baseline name, run id, 'latest' or runs 12,13,14")(
      "current", po::value(&current),
      "what to compare with it, as BASELINE (default: --run, else the latest run)")(
      "run", po::value(&run)->value_name("ID"), "the run to compare with the baseline")(
      "filter", po::value(&filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "resolve", po::value(&resolve)->value_name("auto|always|never"),
      "measure what the stored runs leave undecided again as pairs of the two stored builds on "
      "this machine; the gate uses the pairs. auto (default): what a --fail-on verdict gate "
      "depends on, when both runs kept their builds; always: every benchmark not decided no "
      "change")(
      "confirm-with", po::value(&confirm_with)->value_name("DIR"),
      "settle by pairs with the baseline's build taken from DIR (its plugins) instead of the "
      "stored one")(
      "cross-machine", po::bool_switch(&cross_machine),
      "gate on a comparison of runs from different machines (without it, such a comparison is "
      "reported with a warning and --fail-on is refused: exit 2)")(
      "profile", po::bool_switch(&profile),
      "profile every confirmed regression on both stored builds: where the current one spends "
      "more (benchctl profile --against)")("profile-with",
                                           po::value(&profile_with)->value_name("TOOL"),
                                           "--profile with callgrind (default) or perf");
  add_db_option(options, common);
  add_report_options(options, report);
  po::positional_options_description positional;
  positional.add("baseline", 1).add("current", 1);
  po::variables_map values;
  const char* usage =
      "benchctl compare BASELINE [CURRENT] [--run ID] [--filter REGEX] [--resolve "
      "auto|always|never] [--confirm-with DIR] [--profile [--profile-with TOOL]] [--format FORMAT] "
      "(each side a run id, 'latest', runs 12,13,14 or a baseline)";
  if (!parse_arguments("compare", usage, args, options, positional, values))
    return kExitOk;
  check_report_options(report);
  workflow::SettleRequest settling;
  settling.resolve = workflow::parse_resolve(resolve, "compare --resolve");
  if (!confirm_with.empty() && settling.resolve == workflow::Resolve::never)
    throw UsageError("compare: --confirm-with settles by pairs, --resolve never does not");
  if (!current.empty() && !run.empty())
    throw UsageError("compare: give CURRENT or --run, not both");
  if (values.count("profile-with") && !profile)
    throw UsageError("compare: --profile-with goes with --profile");
  const std::optional<std::regex> pattern = parse_filter(filter);

  auto store = open_store_for_reading(common);
  const RunReference before = resolve_runs(baseline, *store);
  const RunReference after = resolve_runs(!current.empty() ? current
                                          : !run.empty()   ? run
                                                           : "latest",
                                          *store);
  if (!confirm_with.empty())
    settling.baseline_build = workflow::directory_build("--confirm-with", confirm_with);
  analysis::RunComparison comparison = analysis::compare_stored(
      *store, {before.run_ids, before.label}, {after.run_ids, after.label}, pattern);
  if (comparison.benchmarks.empty()) {
    throw InputError(fmt::format("compare: no benchmarks{} in {} or {}",
                                 filter.empty() ? "" : " matching --filter '" + filter + "'",
                                 before.label, after.label));
  }
  settling.benchmarks = workflow::benchmarks_to_settle(comparison, settling.resolve,
                                                       parse_gates(report.fail_on).on_verdicts());
  if (!settling.benchmarks.empty()) {
    util::install_interrupt_handlers();
    settling.database = database_path(common).string();
    workflow::settle_by_pairs(
        comparison, *std::max_element(before.run_ids.begin(), before.run_ids.end()),
        *std::max_element(after.run_ids.begin(), after.run_ids.end()), *store, settling);
  }
  if (profile) {
    util::install_interrupt_handlers();
    workflow::ProfileSettings profiling;
    profiling.tool = chosen_profile_tool(profile_with, "compare --profile-with");
    workflow::profile_regressions(
        comparison, *std::max_element(before.run_ids.begin(), before.run_ids.end()),
        *std::max_element(after.run_ids.begin(), after.run_ids.end()), profiling, *store);
  }
  const int exit = emit_report(nullptr, &comparison, report, database_path(common));
  if (comparison.cross_machine() && !cross_machine && report.fail_on != "none") {
    throw UsageError(fmt::format(
        "compare: {} ran on {} and {} on {}; a gate on machines that differ measures the "
        "machines, expected --cross-machine to gate on it anyway (or --fail-on none)",
        comparison.baseline.reference, fmt::join(comparison.baseline.machines, ", "),
        comparison.current.reference, fmt::join(comparison.current.machines, ", ")));
  }
  return exit;
}

}  // namespace benchctl::cli
