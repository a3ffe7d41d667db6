// benchctl baseline save|list|show|delete: names bound to runs, one per project phase.
#include <fmt/format.h>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "util/error.h"
#include "util/text_table.h"

namespace benchctl::cli {
namespace {

constexpr const char* kUsage =
    "benchctl baseline save NAME [--run ID|latest] [--note TEXT] [--force] | baseline list | "
    "baseline show NAME [--format FORMAT] | baseline delete NAME";

std::string commit_of(const store::RunRecord& run) {
  std::string commit = run.environment.value("git_commit", std::string("-")).substr(0, 12);
  if (run.environment.value("git_dirty", false))
    commit += "+";
  return commit;
}

}  // namespace

int baseline_verb(const Args& args) {
  CommonOptions common;
  ReportOptions report;
  std::string action, name, run = "latest", note;
  po::options_description options("baseline options");
  options.add_options()("action", po::value(&action)->required(), "save, list, show or delete")(
      "name", po::value(&name), "the baseline's name")(
      "run", po::value(&run)->value_name("ID|latest"), "save: the run to bind (default latest)")(
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
    const std::int64_t run_id = parse_run_reference(run, *store);
    store->save_baseline(name, run_id, note, values.count("force") > 0);
    std::cout << fmt::format("Baseline '{}' is run {}\n", name, run_id);
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
      std::cout << fmt::format("Baseline '{}' → run {} (saved {}{})\n\n", baseline->name,
                               baseline->run_id, baseline->created_at,
                               baseline->note.empty() ? "" : ": " + baseline->note);
    }
    const store::RunRecord stored = store->load_run(baseline->run_id);
    return emit_report(&stored, nullptr, report);
  }
  const auto baselines = store->list_baselines();
  if (baselines.empty()) {
    std::cout << "No baselines yet: `benchctl baseline save NAME` binds one to the latest run.\n";
    return kExitOk;
  }
  util::TextTable table({"Baseline", "Run", "Suite", "Date", "Commit", "Note"},
                        {util::TextTable::Align::left, util::TextTable::Align::right});
  for (const auto& b : baselines) {
    table.add_row({b.name, std::to_string(b.run_id), b.run.suite_name, b.run.started_at,
                   commit_of(b.run), b.note.empty() ? "-" : b.note});
  }
  std::cout << table.render();
  return kExitOk;
}

}  // namespace benchctl::cli
