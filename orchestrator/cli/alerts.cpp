// benchctl alerts list|show|set|scan: change points grouped per commit range, with the state a
// team gives them (analysis/alerts.h).
#include <fmt/format.h>

#include <iostream>
#include <optional>

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

// The verb's options.
struct AlertsOptions {
  CommonOptions common;
  std::string action, id_text, state_text, note, suite, machine, state_filter;
  OutputOptions output;
  report::Format format = report::Format::table;

  std::string database() const { return database_path(common).string(); }
  void deliver(const std::string& text) const {
    deliver_report(text, output.output, false, database_path(common), "");
  }
};

// Nothing when --help was asked for.
std::optional<AlertsOptions> parse_alerts_options(const Args& args) {
  AlertsOptions o;
  po::options_description options("alerts options");
  options.add_options()("action", po::value(&o.action)->required(), "list, show, set or scan")(
      "id", po::value(&o.id_text), "show, set: the alert")("state", po::value(&o.state_text),
                                                           "set: its new state")(
      "note", po::value(&o.note)->value_name("TEXT"), "set: why (required)")(
      "suite", po::value(&o.suite)->value_name("NAME"), "scan: the suite; list: its alerts only")(
      "machine", po::value(&o.machine)->value_name("HOST"),
      "scan: this host's or machine class's series (default: the machine of the newest run)")(
      "in-state", po::value(&o.state_filter)->value_name("STATE"), "list: alerts in this state");
  add_output_options(options, o.output, false);
  add_db_option(options, o.common);
  po::variables_map values;
  if (!parse_arguments("alerts", "list | show ID | set ID STATE | scan", args, options,
                       {{"action", 1}, {"id", 1}, {"state", 1}}, values)) {
    return std::nullopt;
  }
  o.format = o.output.parsed_format();
  return o;
}

int list_alerts(const AlertsOptions& o) {
  if (!o.id_text.empty())
    throw UsageError("alerts list: takes no ID (alerts show ID shows one)");
  std::optional<store::AlertState> wanted;
  if (!o.state_filter.empty())
    wanted = parse_state(o.state_filter, "list --in-state");
  auto store = open_store_for_reading(o.common);
  store::AlertQuery query;
  if (!o.suite.empty())
    query.suite = o.suite;
  std::vector<store::Alert> alerts = store->list_alerts(query);
  std::erase_if(alerts, [&](const store::Alert& a) { return wanted && a.state != *wanted; });
  o.deliver(report::render_alert_list(alerts, o.format));
  return kExitOk;
}

int show_or_set_alert(const AlertsOptions& o) {
  if (o.id_text.empty())
    throw UsageError(fmt::format("alerts {}: an alert ID is required", o.action));
  const std::int64_t id = parse_alert_id(o.id_text);
  if (o.action == "show") {
    if (!o.state_text.empty())
      throw UsageError("alerts show: takes one ID");
    auto store = open_store_for_reading(o.common);
    o.deliver(report::render_alert(find_alert(*store, id, o.database()), o.format));
    return kExitOk;
  }
  if (o.state_text.empty())
    throw UsageError(
        fmt::format("alerts set {}: a STATE is required ({})", id, store::alert_state_names()));
  const store::AlertState state = parse_state(o.state_text, "set STATE");
  if (o.note.empty())
    throw UsageError(
        fmt::format("alerts set {} {}: --note TEXT is required (why)", id, o.state_text));
  auto store = open_store_for_reading(o.common);
  store::Alert alert = find_alert(*store, id, o.database());
  alert.move_to(state, util::utc_timestamp(), o.note);
  if (state != store::AlertState::fixed)
    alert.fixed_at_run.reset();
  store->save_alert(alert);
  std::cout << fmt::format("Alert {} is {}\n", id, store::name_of(state));
  return kExitOk;
}

// Exit 1 when the scan opened a new alert.
int scan_alerts(const AlertsOptions& o) {
  if (!o.id_text.empty())
    throw UsageError("alerts scan: takes no ID");
  if (o.suite.empty())
    throw UsageError("alerts scan: --suite NAME is required (alerts belong to a suite's series)");
  auto store = open_store_for_reading(o.common);
  workflow::SeriesRequest request;
  request.suite = o.suite;
  request.host = o.machine;
  request.database = o.database();
  const analysis::History history = workflow::load_series_history(*store, request);
  request.from_open_alerts = true;
  const analysis::History since_open = workflow::load_series_history(*store, request);
  store::AlertQuery query;
  query.suite = o.suite;
  query.host = history.machine.host;
  query.cpu_model = history.machine.cpu_model;
  std::vector<analysis::ScannedAlert> scanned = analysis::scan_alerts(
      history, since_open, o.suite, store->list_alerts(query), util::utc_timestamp());
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
  o.deliver(report::render_alert_digest(digest, o.format));
  const bool created = std::any_of(digest.begin(), digest.end(),
                                   [](const analysis::DigestEntry& e) { return !e.was; });
  return created ? kExitRegression : kExitOk;
}

}  // namespace

int alerts_verb(const Args& args) {
  const std::optional<AlertsOptions> options = parse_alerts_options(args);
  if (!options)
    return kExitOk;
  if (options->action == "list")
    return list_alerts(*options);
  if (options->action == "show" || options->action == "set")
    return show_or_set_alert(*options);
  if (options->action == "scan")
    return scan_alerts(*options);
  throw UsageError(fmt::format("alerts: unknown action '{}', expected list, show, set or scan",
                               options->action));
}

}  // namespace benchctl::cli
