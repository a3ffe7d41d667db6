// benchctl run SUITE: validate, measure in workers, store, print the summary.
#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <regex>

#include "analysis/stored_comparison.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/gate.h"
#include "cli/report_output.h"
#include "runner/environment.h"
#include "util/error.h"
#include "util/subprocess.h"
#include "workflow/measuring.h"
#include "workflow/run_groups.h"
#include "workflow/settle.h"

namespace benchctl::cli {

namespace {

// The verb's options, checked.
struct RunOptions {
  CommonOptions common;
  ReportOptions report;
  std::string suite_file, filter, plugin, label, commit, save_baseline, baseline, confirm_with,
      measure, affinity, shard, group, machine_class;
  bool cache_simulation = false, force = false;
  workflow::SettleRequest settling;
  std::optional<suite::ShardRequest> shard_request;
};

// Nothing when --help was asked for.
std::optional<RunOptions> parse_run_options(const Args& args) {
  RunOptions o;
  std::string resolve = "auto";
  po::options_description options("run options");
  options.add_options()("suite", po::value(&o.suite_file)->required(), "the suite file")(
      "filter", po::value(&o.filter)->value_name("REGEX"),
      "run only benchmarks whose name matches")("plugin", po::value(&o.plugin)->value_name("NAME"),
                                                "run only this plugin's benchmarks")(
      "label", po::value(&o.label)->value_name("TEXT"), "a label stored with the run")(
      "commit", po::value(&o.commit)->value_name("SHA"),
      "the commit measured (default: the current directory's git HEAD)")(
      "measure", po::value(&o.measure)->value_name("WHAT"),
      "time, instructions (under callgrind), allocations (per iteration) or a list of them "
      "(time,allocations), for every benchmark")(
      "cache-simulation", "with instructions: callgrind's cache simulation too")(
      "affinity", po::value(&o.affinity)->value_name("CPUS"),
      "pin every worker process to these CPUs (such as 1 or 2-3) and keep benchctl off them "
      "(default: the suite's affinity, else the isolated CPUs)")(
      "save-baseline", po::value(&o.save_baseline)->value_name("NAME"), "bind NAME to this run")(
      "force", "with --save-baseline: move an existing baseline")(
      "baseline", po::value(&o.baseline)->value_name("NAME"),
      "compare the run with this baseline and gate on it")(
      "resolve", po::value(&resolve)->value_name("auto|always|never"),
      "with --baseline: measure what the comparison leaves undecided again as pairs of the "
      "baseline's and this run's builds (as compare --resolve; default auto)")(
      "shard", po::value(&o.shard)->value_name("K/N|auto"),
      "measure shard K of N of the suite's benchmarks (auto: the Slurm array task or Kubernetes "
      "completion index) as a run of the group --group names")(
      "machine-class", po::value(&o.machine_class)->value_name("NAME"),
      "the machine class the run joins the series of, whichever node of it measures (default: "
      "BENCHCTL_MACHINE_CLASS, else this host and its CPU model)")(
      "group", po::value(&o.group)->value_name("NAME"),
      "with --shard: the run group the shards belong to, one run to every reader (group:NAME)")(
      "confirm-with", po::value(&o.confirm_with)->value_name("DIR"),
      "with --baseline: settle by pairs with the baseline's build taken from DIR instead of the "
      "stored one");
  add_db_option(options, o.common);
  add_report_options(options, o.report);
  add_plugin_path_option(options, o.common);
  po::variables_map values;
  if (!parse_arguments("run", "SUITE", args, options, {{"suite", 1}}, values))
    return std::nullopt;
  check_report_options(o.report);
  if (!o.save_baseline.empty())
    check_baseline_name(o.save_baseline);
  if (!o.confirm_with.empty() && o.baseline.empty())
    throw UsageError("run: --confirm-with goes with --baseline");
  if (values.count("resolve") && o.baseline.empty())
    throw UsageError("run: --resolve goes with --baseline");
  o.settling.resolve = workflow::parse_resolve(resolve, "run --resolve");
  if (!o.confirm_with.empty() && o.settling.resolve == workflow::Resolve::never)
    throw UsageError("run: --confirm-with settles by pairs, --resolve never does not");
  if (values.count("commit") && !std::regex_match(o.commit, std::regex("[0-9a-f]{7,64}"))) {
    throw UsageError(fmt::format(
        "run --commit '{}': expected a commit hash (7 to 64 lowercase hex digits)", o.commit));
  }
  if (o.shard.empty() != o.group.empty())
    throw UsageError("run: --shard and --group go together");
  if (!o.shard.empty() && (!o.baseline.empty() || !o.save_baseline.empty())) {
    throw UsageError(
        "run --shard: a shard is part of a run; compare or save its group (group:NAME) once every "
        "shard is stored");
  }
  if (values.count("machine-class"))
    runner::checked_machine_class(o.machine_class, "run --machine-class");
  if (!o.shard.empty())
    o.shard_request = suite::parse_shard(o.shard, suite::shard_environment());
  o.cache_simulation = values.count("cache-simulation") > 0;
  o.force = values.count("force") > 0;
  return o;
}

}  // namespace

int run_verb(const Args& args) {
  const std::optional<RunOptions> parsed = parse_run_options(args);
  if (!parsed)
    return kExitOk;
  const RunOptions& o = *parsed;
  workflow::SettleRequest settling = o.settling;

  // Everything that can be wrong is found before anything is measured or written.
  suite::ResolvedSuite resolved = load_and_resolve(o.suite_file, o.common);
  suite::select_jobs(resolved, o.filter.empty() ? std::nullopt : std::optional(o.filter),
                     o.plugin.empty() ? std::nullopt : std::optional(o.plugin));
  apply_measure_options(resolved, o.measure, o.cache_simulation);
  apply_affinity_option(resolved, o.affinity);
  auto store = open_store_for_writing(o.common);
  std::optional<store::GroupShard> shard;
  if (o.shard_request)
    shard = workflow::take_shard(*store, resolved, o.group, *o.shard_request);
  std::optional<RunReference> compare_with;
  if (!o.baseline.empty())
    compare_with = resolve_runs(o.baseline, *store);
  if (!o.save_baseline.empty() && !o.force && store->find_baseline(o.save_baseline)) {
    throw InputError(fmt::format(
        "baseline '{}' already exists; pass --force to move it to this run", o.save_baseline));
  }
  if (!o.confirm_with.empty())
    settling.baseline_build = workflow::directory_build("--confirm-with", o.confirm_with);
  util::install_interrupt_handlers();

  const runner::RunOutcome outcome = workflow::measure_suite(
      resolved, *store, database_path(o.common).string(),
      {o.label, o.commit.empty() ? std::nullopt : std::optional(workflow::MeasuredCommit{o.commit}),
       shard, o.machine_class.empty() ? std::nullopt : std::optional(o.machine_class)});
  if (!o.save_baseline.empty()) {
    store->save_baseline(o.save_baseline, {outcome.run_id}, o.label, true);
    std::cerr << fmt::format("Baseline '{}' is run {}\n", o.save_baseline, outcome.run_id);
  }
  const store::RunRecord stored = store->load_run(outcome.run_id);
  const analysis::AnalysedRun analysed = analysis::analyse_run(stored);
  if (!compare_with)
    return emit_report(&analysed, nullptr, o.report, database_path(o.common));
  analysis::RunComparison comparison = analysis::compare_stored(
      *store, {compare_with->run_ids, compare_with->label},
      {{outcome.run_id}, fmt::format("run {}", outcome.run_id)}, std::nullopt);
  settling.benchmarks = workflow::benchmarks_to_settle(comparison, settling.resolve,
                                                       parse_gates(o.report.fail_on).on_verdicts());
  settling.database = database_path(o.common).string();
  workflow::settle_by_pairs(comparison, compare_with->newest(), outcome.run_id, *store, settling);
  return emit_report(&analysed, &comparison, o.report, database_path(o.common));
}

}  // namespace benchctl::cli
