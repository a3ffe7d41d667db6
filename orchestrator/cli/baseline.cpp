// benchctl baseline save|list|show|delete: names bound to runs, one per project phase.
#include <fmt/format.h>
#include <iostream>
#include <limits>
#include <optional>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "util/error.h"
#include "util/text_table.h"

namespace benchctl::cli {
namespace {

std::string commit_of(const store::RunRecord& run) {
  std::string commit = run.environment.git_commit.value_or("-").substr(0, 12);
  if (run.environment.dirty())
    commit += "+";
  return commit;
}

std::string runs_text(const std::vector<std::int64_t>& run_ids) {
  std::string text;
  for (const std::int64_t id : run_ids)
    text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

// The N newest complete runs of `suite` (default: the suite of the newest run), oldest first.
std::vector<std::int64_t> last_runs(store::Store& store, int count, std::string suite) {
  if (count < 1)
    throw UsageError(fmt::format("baseline save --last {}: expected at least 1 run", count));
  std::vector<std::int64_t> ids;
  for (const store::RunRecord& run : store.list_runs(std::numeric_limits<int>::max())) {
    if (suite.empty())
      suite = run.suite_name;
    if (run.suite_name == suite && run.status == store::RunStatus::complete)
      ids.insert(ids.begin(), run.id);
    if (static_cast<int>(ids.size()) == count)
      return ids;
  }
  throw InputError(fmt::format("baseline save --last {}: {} has only {} complete runs", count,
                               suite.empty() ? "the database" : "suite '" + suite + "'",
                               ids.size()));
}

// The verb's options.
struct BaselineOptions {
  CommonOptions common;
  ReportOptions report;
  std::string action, name, run, runs, suite, note;
  std::optional<int> last;
  bool run_given = false, runs_given = false, force = false;
};

// Nothing when --help was asked for.
std::optional<BaselineOptions> parse_baseline_options(const Args& args) {
  BaselineOptions o;
  int last = 0;
  po::options_description options("baseline options");
  options.add_options()("action", po::value(&o.action)->required(), "save, list, show or delete")(
      "name", po::value(&o.name), "the baseline's name")(
      "run", po::value(&o.run)->value_name("ID|latest|group:NAME"),
      "save: the run to bind (default latest), or a run group's runs")(
      "runs", po::value(&o.runs)->value_name("ID,ID,..."), "save: several runs, one baseline")(
      "last", po::value(&last)->value_name("N"), "save: the N newest complete runs of a suite")(
      "suite", po::value(&o.suite)->value_name("NAME"),
      "save --last: of this suite (default: the newest run's)")(
      "note", po::value(&o.note)->value_name("TEXT"), "save: a note stored with the baseline")(
      "force", "save: move an existing baseline to this run");
  add_db_option(options, o.common);
  add_report_options(options, o.report);
  po::variables_map values;
  if (!parse_arguments("baseline", "save NAME | list | show NAME | delete NAME", args, options,
                       {{"action", 1}, {"name", 1}}, values)) {
    return std::nullopt;
  }
  check_report_options(o.report);
  if (values.count("last"))
    o.last = last;
  o.run_given = values.count("run") > 0;
  o.runs_given = values.count("runs") > 0;
  o.force = values.count("force") > 0;

  const bool needs_name = o.action == "save" || o.action == "show" || o.action == "delete";
  if (o.action != "list" && !needs_name) {
    throw UsageError(fmt::format(
        "baseline: unknown action '{}', expected save, list, show or delete", o.action));
  }
  if (needs_name && o.name.empty())
    throw UsageError(fmt::format("baseline {}: a NAME is required", o.action));
  if (o.action == "list" && !o.name.empty())
    throw UsageError("baseline list: takes no NAME");
  return o;
}

int save_baseline(const BaselineOptions& o, store::Store& store) {
  check_baseline_name(o.name);
  if (int{o.run_given} + int{o.runs_given} + int{o.last.has_value()} > 1)
    throw UsageError("baseline save: give one of --run, --runs and --last");
  if (!o.suite.empty() && !o.last)
    throw UsageError("baseline save: --suite goes with --last");
  std::vector<std::int64_t> run_ids;
  if (o.last) {
    run_ids = last_runs(store, *o.last, o.suite);
  } else if (o.runs_given || o.run.starts_with("group:")) {
    const RunReference reference = resolve_runs(o.runs_given ? o.runs : o.run, store);
    if (!reference.incomplete.empty())
      throw InputError("baseline save: " + reference.incomplete);
    run_ids = reference.run_ids;
  } else {
    run_ids = {parse_run_reference(o.run.empty() ? "latest" : o.run, store)};
  }
  store.save_baseline(o.name, run_ids, o.note, o.force);
  std::cout << fmt::format("Baseline '{}' is {} {}\n", o.name, run_ids.size() == 1 ? "run" : "runs",
                           runs_text(run_ids));
  return kExitOk;
}

int show_baseline(const BaselineOptions& o, store::Store& store) {
  const auto baseline = store.find_baseline(o.name);
  if (!baseline)
    throw InputError(fmt::format("baseline show: no baseline named '{}'", o.name));
  if (o.report.format == "table") {
    std::cout << fmt::format("Baseline '{}' → {} {} (saved {}{})\n\n", baseline->name,
                             baseline->run_ids.size() == 1 ? "run" : "runs",
                             runs_text(baseline->run_ids), baseline->created_at,
                             baseline->note.empty() ? "" : ": " + baseline->note);
  }
  const store::RunRecord stored = store.load_run(baseline->run_ids.back());
  const analysis::AnalysedRun analysed = analysis::analyse_run(stored);
  return emit_report(&analysed, nullptr, o.report, database_path(o.common));
}

int list_baselines(store::Store& store) {
  const auto baselines = store.list_baselines();
  if (baselines.empty()) {
    std::cout << "No baselines yet: `benchctl baseline save NAME` binds one to the latest run.\n";
    return kExitOk;
  }
  util::TextTable table({"Baseline", "Run", "Suite", "Date", "Commit", "Note"},
                        {util::TextTable::Align::left, util::TextTable::Align::right});
  for (const auto& b : baselines) {
    table.add_row({b.name, runs_text(b.run_ids), b.run.suite_name, b.run.started_at,
                   commit_of(b.run), b.note.empty() ? "-" : b.note});
  }
  std::cout << table.render();
  return kExitOk;
}

}  // namespace

int baseline_verb(const Args& args) {
  const std::optional<BaselineOptions> parsed = parse_baseline_options(args);
  if (!parsed)
    return kExitOk;
  const BaselineOptions& o = *parsed;
  auto store = open_store_for_reading(o.common);
  if (o.action == "save")
    return save_baseline(o, *store);
  if (o.action == "show")
    return show_baseline(o, *store);
  if (o.action == "delete") {
    if (!store->delete_baseline(o.name))
      throw InputError(fmt::format("baseline delete: no baseline named '{}'", o.name));
    std::cout << fmt::format("Baseline '{}' deleted (its run is kept)\n", o.name);
    return kExitOk;
  }
  return list_baselines(*store);
}

}  // namespace benchctl::cli
