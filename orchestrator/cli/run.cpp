// benchctl run SUITE: validate, measure in workers, store, print the summary.
#include <fmt/format.h>

#include <algorithm>

#include <iostream>
#include <regex>

#include "analysis/stored_comparison.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/gate.h"
#include "cli/report_output.h"
#include "util/error.h"
#include "util/subprocess.h"
#include "workflow/measuring.h"
#include "workflow/settle.h"

namespace benchctl::cli {

int run_verb(const Args& args) {
  CommonOptions common;
  ReportOptions report;
  std::string suite_file, filter, plugin, label, commit, save_baseline, baseline, confirm_with,
      measure, affinity, resolve = "auto";
  po::options_description options("run options");
  options.add_options()("suite", po::value(&suite_file)->required(), "the suite file")(
      "filter", po::value(&filter)->value_name("REGEX"), "run only benchmarks whose name matches")(
      "plugin", po::value(&plugin)->value_name("NAME"), "run only this plugin's benchmarks")(
      "label", po::value(&label)->value_name("TEXT"), "a label stored with the run")(
      "commit", po::value(&commit)->value_name("SHA"),
      "the commit measured (default: the current directory's git HEAD)")(
      "measure", po::value(&measure)->value_name("WHAT"),
      "time, instructions (under callgrind), allocations (per iteration) or a list of them "
      "(time,allocations), for every benchmark")(
      "cache-simulation", "with instructions: callgrind's cache simulation too")(
      "affinity", po::value(&affinity)->value_name("CPUS"),
      "pin every worker process to these CPUs (such as 1 or 2-3) and keep benchctl off them "
      "(default: the suite's affinity, else the isolated CPUs)")(
      "save-baseline", po::value(&save_baseline)->value_name("NAME"), "bind NAME to this run")(
      "force", "with --save-baseline: move an existing baseline")(
      "baseline", po::value(&baseline)->value_name("NAME"),
      "compare the run with this baseline and gate on it")(
      "resolve", po::value(&resolve)->value_name("auto|always|never"),
      "with --baseline: measure what the comparison leaves undecided again as pairs of the "
      "baseline's and this run's builds (as compare --resolve; default auto)")(
      "confirm-with", po::value(&confirm_with)->value_name("DIR"),
      "with --baseline: settle by pairs with the baseline's build taken from DIR instead of the "
      "stored one");
  add_db_option(options, common);
  add_report_options(options, report);
  add_plugin_path_option(options, common);
  po::positional_options_description positional;
  positional.add("suite", 1);
  po::variables_map values;
  if (!parse_arguments(
          "run",
          "benchctl run SUITE [--filter REGEX] [--plugin NAME] [--label TEXT] [--commit SHA] "
          "[--measure WHAT] [--affinity CPUS] [--save-baseline NAME [--force]] [--baseline NAME "
          "[--resolve "
          "auto|always|never] [--confirm-with DIR]] [--format FORMAT] [--output FILE] [--junit "
          "FILE] [--fail-on GATES] [--db PATH]",
          args, options, positional, values)) {
    return kExitOk;
  }
  check_report_options(report);
  if (!save_baseline.empty())
    check_baseline_name(save_baseline);
  if (!confirm_with.empty() && baseline.empty())
    throw UsageError("run: --confirm-with goes with --baseline");
  if (values.count("resolve") && baseline.empty())
    throw UsageError("run: --resolve goes with --baseline");
  workflow::SettleRequest settling;
  settling.resolve = workflow::parse_resolve(resolve, "run --resolve");
  if (!confirm_with.empty() && settling.resolve == workflow::Resolve::never)
    throw UsageError("run: --confirm-with settles by pairs, --resolve never does not");
  if (values.count("commit") && !std::regex_match(commit, std::regex("[0-9a-f]{7,64}"))) {
    throw UsageError(fmt::format(
        "run --commit '{}': expected a commit hash (7 to 64 lowercase hex digits)", commit));
  }

  // Everything that can be wrong is found before anything is measured or written.
  suite::ResolvedSuite resolved = load_and_resolve(suite_file, common);
  suite::select_jobs(resolved, filter.empty() ? std::nullopt : std::optional(filter),
                     plugin.empty() ? std::nullopt : std::optional(plugin));
  apply_measure_options(resolved, measure, values.count("cache-simulation") > 0);
  apply_affinity_option(resolved, affinity);
  auto store = open_store_for_writing(common);
  std::optional<RunReference> compare_with;
  if (!baseline.empty())
    compare_with = resolve_runs(baseline, *store);
  if (!save_baseline.empty() && values.count("force") == 0 && store->find_baseline(save_baseline)) {
    throw InputError(fmt::format(
        "baseline '{}' already exists; pass --force to move it to this run", save_baseline));
  }
  if (!confirm_with.empty())
    settling.baseline_build = workflow::directory_build("--confirm-with", confirm_with);
  util::install_interrupt_handlers();

  const runner::RunOutcome outcome = workflow::measure_suite(
      resolved, *store, database_path(common).string(), label,
      commit.empty() ? std::nullopt : std::optional(workflow::MeasuredCommit{commit}));
  if (!save_baseline.empty()) {
    store->save_baseline(save_baseline, {outcome.run_id}, label, true);
    std::cerr << fmt::format("Baseline '{}' is run {}\n", save_baseline, outcome.run_id);
  }
  const store::RunRecord stored = store->load_run(outcome.run_id);
  if (!compare_with)
    return emit_report(&stored, nullptr, report, database_path(common));
  analysis::RunComparison comparison = analysis::compare_stored(
      *store, {compare_with->run_ids, compare_with->label},
      {{outcome.run_id}, fmt::format("run {}", outcome.run_id)}, std::nullopt);
  settling.benchmarks = workflow::benchmarks_to_settle(comparison, settling.resolve,
                                                       parse_gates(report.fail_on).on_verdicts());
  settling.database = database_path(common).string();
  workflow::settle_by_pairs(
      comparison, *std::max_element(compare_with->run_ids.begin(), compare_with->run_ids.end()),
      outcome.run_id, *store, settling);
  return emit_report(&stored, &comparison, report, database_path(common));
}

}  // namespace benchctl::cli
