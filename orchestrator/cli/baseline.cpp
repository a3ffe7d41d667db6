// benchctl baseline save|list|show|delete: names bound to runs, one per project phase.
#include <fmt/format.h>
#include <iostream>
#include <limits>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "util/error.h"
#include "util/text_table.h"

namespace benchctl::cli {
namespace {

constexpr const char* kUsage =
    "benchctl baseline save NAME [--run ID|latest | --runs ID,ID,... | --last N [--suite NAME]] "
    "[--note TEXT] [--force] | baseline list | baseline show NAME [--format FORMAT] | baseline "
    "delete NAME";

std::string commit_of(const store::RunRecord& run) {
  std::string commit = run.environment.value("git_commit", std::string("-")).substr(0, 12);
  if (run.environment.value("git_dirty", false))
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

}  // namespace

int baseline_verb(const Args& args) {
  CommonOptions common;
  ReportOptions report;
  std::string action, name, run, runs, suite, note;
  int last = 0;
  po::options_description options("baseline options");
  options.add_options()("action", po::value(&action)->required(), "save, list, show or delete")(
      "name", po::value(&name), "the baseline's name")(
      "run", po::value(&run)->value_name("ID|latest"), "save: the run to bind (default latest)")(
      "runs", po::value(&runs)->value_name("ID,ID,..."), "save: several runs, one baseline")(
      "last", po::value(&last)->value_name("N"), "save: the N newest complete runs of a suite")(
      "suite", po::value(&suite)->value_name("NAME"),
      "save --last: of this suite (default: the newest run's)")(
      "note", po::value(&note)->value_name("TEXT"), "save: a note stored with the baseline")(
      "force", "save: move an existing baseline to this run");
  add_db_option(options, common);
  add_report_options(options, report);
  po::positional_options_description positional;
  positional.add("action", 1).add("name", 1);
  po::variables_map values;
  if (!parse_arguments("baseline", kUsage, args, options, positional, values))
    return kExitOk;
  check_report_options(report);

  const bool needs_name = action == "save" || action == "show" || action == "delete";
  if (action != "list" && !needs_name) {
    throw UsageError(
        fmt::format("baseline: unknown action '{}', expected save, list, show or delete", action));
  }
  if (needs_name && name.empty())
    throw UsageError(fmt::format("baseline {}: a NAME is required", action));
  if (action == "list" && !name.empty())
    throw UsageError("baseline list: takes no NAME");

  auto store = open_store_for_reading(common);
  if (action == "save") {
    check_baseline_name(name);
    if (values.count("run") + values.count("runs") + values.count("last") > 1)
      throw UsageError("baseline save: give one of --run, --runs and --last");
    if (!suite.empty() && values.count("last") == 0)
      throw UsageError("baseline save: --suite goes with --last");
    std::vector<std::int64_t> run_ids;
    if (values.count("last")) {
      run_ids = last_runs(*store, last, suite);
    } else if (values.count("runs")) {
      run_ids = resolve_runs(runs, *store).run_ids;
    } else {
      run_ids = {parse_run_reference(run.empty() ? "latest" : run, *store)};
    }
    store->save_baseline(name, run_ids, note, values.count("force") > 0);
    std::cout << fmt::format("Baseline '{}' is {} {}\n", name, run_ids.size() == 1 ? "run" : "runs",
                             runs_text(run_ids));
    return kExitOk;
  }
  if (action == "delete") {
    if (!store->delete_baseline(name))
      throw InputError(fmt::format("baseline delete: no baseline named '{}'", name));
    std::cout << fmt::format("Baseline '{}' deleted (its run is kept)\n", name);
    return kExitOk;
  }
  if (action == "show") {
    const auto baseline = store->find_baseline(name);
    if (!baseline)
      throw InputError(fmt::format("baseline show: no baseline named '{}'", name));
    if (report.format == "table") {
      std::cout << fmt::format("Baseline '{}' → {} {} (saved {}{})\n\n", baseline->name,
                               baseline->run_ids.size() == 1 ? "run" : "runs",
                               runs_text(baseline->run_ids), baseline->created_at,
                               baseline->note.empty() ? "" : ": " + baseline->note);
    }
    const store::RunRecord stored = store->load_run(baseline->run_ids.back());
    return emit_report(&stored, nullptr, report, database_path(common));
  }
  const auto baselines = store->list_baselines();
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

}  // namespace benchctl::cli
