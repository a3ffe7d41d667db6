// benchctl history: each benchmark's series of stored runs on one machine, and its change points.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <regex>

#include "analysis/history.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/history_report.h"
#include "report/html_report.h"
#include "util/error.h"
#include "util/json_text.h"
#include "util/process_info.h"
#include "workflow/series_history.h"

namespace benchctl::cli {
namespace {

bool is_date(const std::string& text) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?)");
  return std::regex_match(text, date);
}

bool has_alerting_regression(const analysis::History& history) {
  return std::any_of(history.benchmarks.begin(), history.benchmarks.end(), [](const auto& b) {
    return std::any_of(b.change_points.begin(), b.change_points.end(),
                       [](const auto& c) { return c.alerting_regression(); });
  });
}

// The verb's options, checked.
struct HistoryCommand {
  CommonOptions common;
  std::string suite, machine, fail_on = "none";
  OutputOptions output;
  analysis::HistoryOptions history;
  std::optional<std::vector<analysis::KnownChangePoint>> known;
};

// --last N or --since DATE, and --filter.
analysis::HistoryOptions series_window(const po::variables_map& values, int last,
                                       const std::string& since, const std::string& filter) {
  analysis::HistoryOptions window;
  if (values.count("last") && values.count("since"))
    throw UsageError("history: give --last or --since, not both");
  if (values.count("last")) {
    if (last < 1)
      throw UsageError(fmt::format("history --last {}: expected at least 1 run", last));
    window.last = last;
  }
  if (values.count("since")) {
    if (!is_date(since))
      throw UsageError(
          fmt::format("history --since '{}': expected a date such as 2026-11-01", since));
    window.since = since;
  }
  window.filter = parse_filter(filter);
  return window;
}

// Nothing when --help was asked for.
std::optional<HistoryCommand> parse_history_options(const Args& args) {
  HistoryCommand o;
  std::string filter, since, previous;
  int last = 0;
  po::options_description options("history options");
  options.add_options()("suite", po::value(&o.suite)->value_name("NAME"),
                        "runs of this suite only")(
      "filter", po::value(&filter)->value_name("REGEX"), "benchmarks whose name matches")(
      "last", po::value(&last)->value_name("N"), "the newest N runs")(
      "since", po::value(&since)->value_name("DATE"), "runs started on or after DATE (2026-11-01)")(
      "machine", po::value(&o.machine)->value_name("HOST"),
      "this host's or machine class's series (default: the machine of the newest run)")(
      "previous", po::value(&previous)->value_name("FILE"),
      "an earlier `history --format json`: its change points are known, the others new")(
      "fail-on", po::value(&o.fail_on)->value_name("GATE"),
      "exit 1 on: new-regression (a slowdown not of the machine, not in --previous), "
      "regression (any such slowdown) or none (default)");
  add_output_options(options, o.output, true);
  add_db_option(options, o.common);
  po::variables_map values;
  if (!parse_arguments("history", "", args, options, {}, values))
    return std::nullopt;
  if (!o.output.html())
    o.output.parsed_format();
  o.history = series_window(values, last, since, filter);
  if (o.fail_on != "none" && o.fail_on != "regression" && o.fail_on != "new-regression") {
    throw UsageError(fmt::format(
        "history --fail-on '{}': expected new-regression, regression or none", o.fail_on));
  }
  if (o.fail_on == "new-regression" && previous.empty())
    throw UsageError("history --fail-on new-regression needs --previous FILE to know what is new");
  if (!previous.empty())
    o.known = report::known_change_points(
        util::parse_json_text(read_input_file(previous, "a history JSON file"), previous),
        previous);
  return o;
}

}  // namespace

int history_verb(const Args& args) {
  const std::optional<HistoryCommand> parsed = parse_history_options(args);
  if (!parsed)
    return kExitOk;
  const HistoryCommand& o = *parsed;
  auto store = open_store_for_reading(o.common);
  workflow::SeriesRequest request;
  if (!o.suite.empty())
    request.suite = o.suite;
  request.host = o.machine;
  request.options = o.history;
  request.database = database_path(o.common).string();
  analysis::History history = workflow::load_series_history(*store, request);
  if (o.known)
    analysis::mark_known(history, *o.known);
  const bool html = o.output.html();
  const report::Format format = html ? report::Format::table : o.output.parsed_format();
  const std::string text =
      html ? report::render_html(report::html_history_data(history),
                                 util::utc_timestamp(std::chrono::system_clock::now()))
           : report::render_history(history, format,
                                    format == report::Format::table && o.output.output.empty()
                                        ? report::Style::for_stdout()
                                        : report::Style{});
  deliver_report(text, o.output.output, html, database_path(o.common), "benchctl-history.html");
  const bool alert = o.fail_on == "new-regression" ? analysis::new_alerting_regressions(history) > 0
                     : o.fail_on == "regression"   ? has_alerting_regression(history)
                                                   : false;
  return alert ? kExitRegression : kExitOk;
}

}  // namespace benchctl::cli
