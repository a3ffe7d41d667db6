// benchctl alerts list|show|set|scan: change points grouped per commit range, with the state a
// team gives them (analysis/alerts.h).
#include <fmt/format.h>

#include <iostream>

#include "analysis/alerts.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/alerts_report.h"
#include "util/error.h"
#include "util/process_info.h"
#include "workflow/series_history.h"

namespace benchctl::cli {
namespace {

constexpr const char* kAlertsUsage =
    "benchctl alerts list [--suite NAME] [--state STATE] | alerts show ID | alerts set ID STATE "
    "--note TEXT | alerts scan --suite NAME [--machine HOST]  [--format FORMAT] [--output FILE] "
    "[--db PATH]";

std::int64_t parse_alert_id(const std::string& text) {
  std::size_t used = 0;
  std::int64_t id = 0;
  try {
    id = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || id < 1)
    throw UsageError(
        fmt::format("alerts: '{}' is not an alert id (a number from `alerts list`)", text));
  return id;
}

store::AlertState parse_state(const std::string& text, const std::string& where) {
  if (const auto state = store::alert_state_named(text))
    return *state;
  throw UsageError(
      fmt::format("alerts {} '{}': expected {}", where, text, store::alert_state_names()));
}

store::Alert find_alert(store::Store& store, std::int64_t id, const std::string& database) {
  store::AlertQuery query;
  query.id = id;
  auto found = store.list_alerts(query);
  if (found.empty())
    throw InputError(fmt::format("alerts: no alert {} in {}", id, database));
  return std::move(found.front());
}

}  // namespace

int alerts_verb(const Args& args) {
  CommonOptions common;
  std::string action, id_text, state_text, note, suite, machine, state_filter,
      format_text = "table", output_file;
  po::options_description options("alerts options");
  options.add_options()("action", po::value(&action)->required(), "list, show, set or scan")(
      "id", po::value(&id_text), "show, set: the alert")("state", po::value(&state_text),
                                                         "set: its new state")(
      "note", po::value(&note)->value_name("TEXT"), "set: why (required)")(
      "suite", po::value(&suite)->value_name("NAME"), "scan: the suite; list: its alerts only")(
      "machine", po::value(&machine)->value_name("HOST"),
      "scan: this host's series (default: the machine of the newest run)")(
      "in-state", po::value(&state_filter)->value_name("STATE"), "list: alerts in this state")(
      "format", po::value(&format_text)->value_name("FORMAT"),
      "table (default), markdown, json or csv")(
      "output", po::value(&output_file)->value_name("FILE"), "write the report to FILE");
  add_db_option(options, common);
  po::positional_options_description positional;
  positional.add("action", 1).add("id", 1).add("state", 1);
  po::variables_map values;
  if (!parse_arguments("alerts", kAlertsUsage, args, options, positional, values))
    return kExitOk;
  const report::Format format = report::parse_format(format_text);
  const std::string database = database_path(common).string();
  auto deliver = [&](const std::string& text) {
    deliver_report(text, output_file, false, database_path(common), "");
  };

  if (action == "list") {
    if (!id_text.empty())
      throw UsageError("alerts list: takes no ID (alerts show ID shows one)");
    std::optional<store::AlertState> wanted;
    if (!state_filter.empty())
      wanted = parse_state(state_filter, "list --in-state");
    auto store = open_store_for_reading(common);
    store::AlertQuery query;
    if (!suite.empty())
      query.suite = suite;
    std::vector<store::Alert> alerts = store->list_alerts(query);
    std::erase_if(alerts, [&](const store::Alert& a) { return wanted && a.state != *wanted; });
    deliver(report::render_alert_list(alerts, format));
    return kExitOk;
  }
  if (action == "show" || action == "set") {
    if (id_text.empty())
      throw UsageError(fmt::format("alerts {}: an alert ID is required", action));
    const std::int64_t id = parse_alert_id(id_text);
    if (action == "show") {
      if (!state_text.empty())
        throw UsageError("alerts show: takes one ID");
      auto store = open_store_for_reading(common);
      deliver(report::render_alert(find_alert(*store, id, database), format));
      return kExitOk;
    }
    if (state_text.empty())
      throw UsageError(
          fmt::format("alerts set {}: a STATE is required ({})", id, store::alert_state_names()));
    const store::AlertState state = parse_state(state_text, "set STATE");
    if (note.empty())
      throw UsageError(
          fmt::format("alerts set {} {}: --note TEXT is required (why)", id, state_text));
    auto store = open_store_for_reading(common);
    store::Alert alert = find_alert(*store, id, database);
    alert.move_to(state, util::utc_timestamp(), note);
    if (state != store::AlertState::fixed)
      alert.fixed_at_run.reset();
    store->save_alert(alert);
    std::cout << fmt::format("Alert {} is {}\n", id, store::name_of(state));
    return kExitOk;
  }
  if (action == "scan") {
    if (!id_text.empty())
      throw UsageError("alerts scan: takes no ID");
    if (suite.empty())
      throw UsageError("alerts scan: --suite NAME is required (alerts belong to a suite's series)");
    auto store = open_store_for_reading(common);
    workflow::SeriesRequest request;
    request.suite = suite;
    request.host = machine;
    request.database = database;
    const analysis::History history = workflow::load_series_history(*store, request);
    request.from_open_alerts = true;
    const analysis::History since_open = workflow::load_series_history(*store, request);
    store::AlertQuery query;
    query.suite = suite;
    query.host = history.machine.host;
    query.cpu_model = history.machine.cpu_model;
    std::vector<analysis::ScannedAlert> scanned = analysis::scan_alerts(
        history, since_open, suite, store->list_alerts(query), util::utc_timestamp());
    // Stored before the digest, so that it names new alerts by their ids; then what it showed.
    auto save_changed = [&] {
      for (analysis::ScannedAlert& s : scanned) {
        if (s.changed)
          s.alert.id = store->save_alert(s.alert);
        s.changed = false;
      }
    };
    save_changed();
    const std::vector<analysis::DigestEntry> digest = analysis::take_digest(scanned);
    save_changed();
    deliver(report::render_alert_digest(digest, format));
    const bool created = std::any_of(digest.begin(), digest.end(),
                                     [](const analysis::DigestEntry& e) { return !e.was; });
    return created ? kExitRegression : kExitOk;
  }
  throw UsageError(
      fmt::format("alerts: unknown action '{}', expected list, show, set or scan", action));
}

}  // namespace benchctl::cli
