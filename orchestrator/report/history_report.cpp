#include "report/history_report.h"

#include <fmt/format.h>

#include "report/table.h"
#include "util/error.h"
#include "util/json_text.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

using util::TextTable;

std::string short_commit(const std::string& commit) {
  return commit.empty() ? "-" : commit.substr(0, 12);
}

std::string machine_line(const analysis::History& history) {
  std::size_t runs = 0;
  std::string first, last;
  for (const auto& b : history.benchmarks) {
    runs = std::max(runs, b.points.size());
    if (!b.points.empty()) {
      if (first.empty() || b.points.front().started_at < first)
        first = b.points.front().started_at;
      last = std::max(last, b.points.back().started_at);
    }
  }
  std::string line =
      fmt::format("Machine: {} · {} ({} runs{})", history.machine.host, history.machine.cpu_model,
                  runs, runs > 0 ? fmt::format(", {} to {}", first, last) : "");
  if (!history.others.empty()) {
    std::string others;
    for (const auto& machine : history.others) {
      others += fmt::format("{}{} · {} ({} runs)", others.empty() ? "" : "; ", machine.host,
                            machine.cpu_model, machine.runs);
    }
    line += "; other machines are other series (--machine HOST): " + others;
  }
  return line;
}

// A series' figure: a duration, or the common level's ratio.
std::string figure(const analysis::BenchmarkHistory& series, double value) {
  return series.common_level ? fmt::format("×{:.3f}", value) : util::format_duration(value);
}

std::string relative_note(const analysis::History& history) {
  if (!history.relative)
    return "";
  return fmt::format(
      "Change points are searched in each benchmark's own series and relative to the suite's "
      "common level, {}: per run, the median move of its benchmarks, which the machine's moves "
      "dominate. A benchmark that moved shows its change (suite-wide when the common level moved "
      "with it, the machine's when the calibration did); one that moved only relative to the "
      "suite is not shown.",
      analysis::kCommonLevelName);
}

std::string change_text(const analysis::HistoryChangePoint& c) {
  const std::string text = fmt::format("{} at run {}", signed_percent(c.change.ratio), c.first_run);
  return c.cause == analysis::ChangeCause::benchmark
             ? text
             : fmt::format("{} ({})", text, analysis::name_of(c.cause));
}

Table summary_table(const analysis::History& history, const Style& style) {
  Table table;
  table.columns = {Column("Benchmark", "", kLeft, true), Column("Runs", "", kRight),
                   Column("First", "", kRight), Column("Latest", "", kRight),
                   Column("Change points", "")};
  for (const auto& b : history.benchmarks) {
    std::string changes = b.not_searched.empty() ? "-" : "not searched: " + b.not_searched;
    std::string plain = changes;
    if (!b.change_points.empty()) {
      changes.clear();
      plain.clear();
      for (const auto& c : b.change_points) {
        const std::string text = change_text(c);
        // Red what a nightly alerts on; a machine's moves stay plain.
        const std::string shown = c.alerting_regression() ? style.red(text)
                                  : c.regression() || c.cause == analysis::ChangeCause::machine
                                      ? text
                                      : style.green(text);
        changes += (changes.empty() ? "" : ", ") + shown;
        plain += (plain.empty() ? "" : ", ") + text;
      }
    }
    table.add({b.name, std::to_string(b.points.size()), figure(b, b.points.front().median),
               figure(b, b.points.back().median), Cell(changes, plain, std::nullopt)});
  }
  return table;
}

Table change_table(const analysis::History& history) {
  Table table;
  table.columns = {Column("Benchmark", "", kLeft, true),
                   Column("From run", "", kRight),
                   Column("Date", ""),
                   Column("Commits", ""),
                   Column("Before", "", kRight),
                   Column("After", "", kRight),
                   Column("Change", "", kRight),
                   Column("CI", "", kRight),
                   Column("p", "", kRight),
                   Column("Cause", "")};
  if (history.against_earlier)
    table.columns.push_back(Column("New", ""));
  for (const auto& b : history.benchmarks) {
    for (const auto& c : b.change_points) {
      std::vector<Cell> row{b.name,
                            std::to_string(c.first_run),
                            c.started_at,
                            short_commit(c.commit_before) + ".." + short_commit(c.commit_after),
                            figure(b, c.change.before),
                            figure(b, c.change.after),
                            signed_percent(c.change.ratio),
                            fmt::format("[{}, {}]", signed_percent(c.change.interval.low),
                                        signed_percent(c.change.interval.high)),
                            fmt::format("{:.3g}", c.adjusted_p_value),
                            analysis::name_of(c.cause)};
      if (history.against_earlier)
        row.push_back(Cell(c.known ? "" : "new"));
      table.add(std::move(row));
    }
  }
  return table;
}

Table series_table(const analysis::History& history) {
  Table table;
  table.columns = {Column("", "benchmark"),      Column("", "run"),
                   Column("", "started_at"),     Column("", "commit"),
                   Column("", "median_seconds"), Column("", "ci_low"),
                   Column("", "ci_high"),        Column("", "processes"),
                   Column("", "change_point")};
  auto number = [](double v) { return fmt::format("{}", v); };
  for (const auto& b : history.benchmarks) {
    for (std::size_t i = 0; i < b.points.size(); ++i) {
      const auto& p = b.points[i];
      const bool starts = std::any_of(b.change_points.begin(), b.change_points.end(),
                                      [&](const auto& c) { return c.change.index == i; });
      table.add({csv_only(b.name), csv_only(std::to_string(p.run_id)), csv_only(p.started_at),
                 csv_only(p.commit), csv_only(number(p.median)), csv_only(number(p.interval.low)),
                 csv_only(number(p.interval.high)), csv_only(std::to_string(p.processes)),
                 csv_only(starts ? "true" : "false")});
    }
  }
  return table;
}

std::size_t change_count(const analysis::History& history) {
  std::size_t count = 0;
  for (const auto& b : history.benchmarks)
    count += b.change_points.size();
  return count;
}

std::string headline(const analysis::History& history) {
  const std::size_t count = change_count(history);
  std::string line = fmt::format("{} change point{}", count, count == 1 ? "" : "s");
  if (history.against_earlier) {
    const std::size_t alerts = analysis::new_alerting_regressions(history);
    line += fmt::format(" · {} new regression{}", alerts, alerts == 1 ? "" : "s");
  }
  return line;
}

}  // namespace

nlohmann::json history_json(const analysis::History& history) {
  nlohmann::json json = {{"schema", "benchctl.history/1"},
                         {"machine",
                          {{"host", history.machine.host},
                           {"cpu_model", history.machine.cpu_model},
                           {"runs", history.machine.runs}}}};
  json["other_machines"] = nlohmann::json::array();
  for (const auto& m : history.others)
    json["other_machines"].push_back(
        {{"host", m.host}, {"cpu_model", m.cpu_model}, {"runs", m.runs}});
  json["relative_to_common_level"] = history.relative;
  json["summary"] = {{"change_points", change_count(history)},
                     {"new_alerting_regressions", analysis::new_alerting_regressions(history)}};
  json["benchmarks"] = nlohmann::json::array();
  for (const auto& b : history.benchmarks) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : b.points) {
      points.push_back({{"run", p.run_id},
                        {"started_at", p.started_at},
                        {"commit", p.commit},
                        {"median", p.median},
                        {"interval", {p.interval.low, p.interval.high}},
                        {"processes", p.processes}});
    }
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : b.change_points) {
      changes.push_back({{"index", c.change.index},
                         {"first_run", c.first_run},
                         {"started_at", c.started_at},
                         {"commits", {c.commit_before, c.commit_after}},
                         {"before", c.change.before},
                         {"after", c.change.after},
                         {"ratio", c.change.ratio},
                         {"interval", {c.change.interval.low, c.change.interval.high}},
                         {"p_value", c.change.p_value},
                         {"adjusted_p_value", c.adjusted_p_value},
                         {"runs_before", c.change.before_count},
                         {"runs_after", c.change.after_count},
                         {"cause", analysis::name_of(c.cause)},
                         {"alerting_regression", c.alerting_regression()},
                         {"new", !c.known}});
    }
    nlohmann::json series = {{"name", b.name},
                             {"unit", b.common_level ? "ratio" : "seconds"},
                             {"common_level", b.common_level},
                             {"points", points},
                             {"change_points", changes}};
    if (!b.not_searched.empty())
      series["not_searched"] = b.not_searched;
    json["benchmarks"].push_back(std::move(series));
  }
  return json;
}

std::vector<analysis::KnownChangePoint> known_change_points(const nlohmann::json& json,
                                                            const std::string& source) {
  auto refuse = [&](const std::string& what) {
    throw InputError(fmt::format("{}: {}", source, what));
  };
  if (!json.is_object() || json.value("schema", "") != "benchctl.history/1")
    refuse("expected a history written by `benchctl history --format json` (benchctl.history/1)");
  std::vector<analysis::KnownChangePoint> known;
  try {
    for (const auto& b : json.at("benchmarks")) {
      for (const auto& c : b.at("change_points")) {
        const auto first_run = util::integer_of(c.at("first_run"));
        if (!first_run)
          refuse("a change point's first_run is not a run id");
        known.push_back(
            {b.at("name").get<std::string>(), *first_run, c.at("ratio").get<double>() > 1});
      }
    }
  } catch (const nlohmann::json::exception& e) {
    refuse(fmt::format("a change point lacks a field or has the wrong type ({})", e.what()));
  }
  return known;
}

std::string render_history(const analysis::History& history, Format format, const Style& style) {
  switch (format) {
    case Format::json:
      return history_json(history).dump(2) + "\n";
    case Format::csv:
      return render_csv(series_table(history));
    case Format::markdown: {
      std::string out = fmt::format("## benchctl history · {}\n\n{}\n\n", headline(history),
                                    markdown_cell(machine_line(history)));
      if (history.relative)
        out += relative_note(history) + "\n\n";
      if (change_count(history) > 0)
        out += "### Change points\n\n" + render_markdown(change_table(history)) + "\n";
      return out + render_markdown(summary_table(history, Style{}));
    }
    case Format::table:
      break;
  }
  std::string out = machine_line(history) + "\n" +
                    (history.relative ? relative_note(history) + "\n" : "") + "\n" +
                    render_text(summary_table(history, style));
  if (change_count(history) > 0)
    out += "\n" + headline(history) + ":\n" + render_text(change_table(history));
  else
    out += "\nNo change points.\n";
  return out;
}

}  // namespace benchctl::report
