#include "report/load_report.h"

#include <fmt/format.h>

#include "util/units.h"

namespace benchctl::report {
namespace {

std::string raw(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}

Cell duration(const std::optional<analysis::LoadFigure>& figure) {
  if (!figure)
    return {"-", std::nullopt, ""};
  return {util::format_duration(figure->value), std::nullopt, raw(figure->value)};
}

nlohmann::json figure_json(const std::optional<analysis::LoadFigure>& figure) {
  if (!figure)
    return nullptr;
  nlohmann::json json = {{"value", figure->value}, {"interval", nullptr}};
  if (figure->interval)
    json["interval"] = {figure->interval->low, figure->interval->high};
  return json;
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

}  // namespace

Table load_table(const analysis::AnalysedRun& analysed) {
  const store::RunRecord& run = analysed.run;
  Table table;
  table.columns = {Column("Load test", "name", kLeft, true),
                   Column("Target", "target_rate", kRight),
                   Column("Achieved", "achieved_rate", kRight),
                   Column("Success", "success_rate", kRight),
                   Column("p50", "p50_seconds", kRight),
                   Column("p99", "p99_seconds", kRight),
                   Column("p99.9", "p999_seconds", kRight),
                   Column("Max", "max_seconds", kRight),
                   Column("Late", "late", kRight),
                   Column("Dropped", "dropped", kRight),
                   Column("Start p99", "start_delay_p99_seconds", kRight),
                   Column("Recovery", "recovery_seconds", kRight),
                   Column("RSS slope", "rss_bytes_per_minute", kRight),
                   Column("Degradation", "degradation", kRight)};
  for (const store::ResultRecord& result : run.results) {
    const auto& figures = analysed.load_of(result);
    if (!figures)
      continue;
    const analysis::LoadFigures& f = *figures;
    std::string recovery = "-";
    if (f.recovery_time) {
      const std::string time =
          *f.recovery_time > 0 ? util::format_duration(*f.recovery_time) : std::string("0 s");
      recovery = f.recovered ? time : "> " + time;
    }
    std::string slope = "-";
    if (f.rss_slope)
      slope = util::format_size(f.rss_slope->value) + "/min";
    table.add({result.name,
               Cell(util::format_rate(f.scenario.rate, false), std::nullopt, raw(f.scenario.rate)),
               f.achieved_rate ? Cell(util::format_rate(f.achieved_rate->value, false),
                                      std::nullopt, raw(f.achieved_rate->value))
                               : Cell("-", std::nullopt, ""),
               f.success_rate
                   ? Cell(util::format_percent(*f.success_rate), std::nullopt, raw(f.success_rate))
                   : Cell("-", std::nullopt, ""),
               duration(f.p50), duration(f.p99), duration(f.p999), duration(f.max),
               Cell(std::to_string(f.late), std::nullopt, std::to_string(f.late)),
               Cell(std::to_string(f.dropped), std::nullopt, std::to_string(f.dropped)),
               f.schedule_error_p99 ? Cell(util::format_duration(*f.schedule_error_p99),
                                           std::nullopt, raw(f.schedule_error_p99))
                                    : Cell("-", std::nullopt, ""),
               Cell(recovery, std::nullopt, raw(f.recovery_time)),
               Cell(slope, std::nullopt, f.rss_slope ? raw(f.rss_slope->value) : ""),
               f.degradation ? Cell(util::format_percent(f.degradation->value), std::nullopt,
                                    raw(f.degradation->value))
                             : Cell("-", std::nullopt, "")});
  }
  return table;
}

Table load_seconds_table(const analysis::AnalysedRun& analysed) {
  const store::RunRecord& run = analysed.run;
  Table table;
  table.columns = {
      Column("Load test", "name", kLeft, true), Column("Process", "process", kRight),
      Column("Second", "second", kRight),       Column("Phase", "phase"),
      Column("Sent", "sent", kRight),           Column("Completed", "completed", kRight),
      Column("Errors", "errors", kRight),       Column("Late", "late", kRight),
      Column("Backlog", "backlog", kRight),     Column("p50", "p50_seconds", kRight),
      Column("p90", "p90_seconds", kRight),     Column("p99", "p99_seconds", kRight),
      Column("Max", "max_seconds", kRight),     Column("RSS", "rss_bytes", kRight),
      Column("CPU", "cpu_seconds", kRight)};
  auto count = [](double value) {
    return Cell(fmt::format("{}", value), std::nullopt, fmt::format("{}", value));
  };
  auto latency = [](const std::optional<double>& value) {
    return value ? Cell(util::format_duration(*value), std::nullopt, raw(value))
                 : Cell("-", std::nullopt, "");
  };
  for (const store::ResultRecord& result : run.results) {
    const auto& figures = analysed.load_of(result);
    if (!figures)
      continue;
    for (const analysis::LoadSecondFigures& s : figures->seconds) {
      table.add({result.name, std::to_string(s.process), std::to_string(s.second),
                 analysis::to_string(s.phase), count(s.sent), count(s.completed), count(s.errors),
                 count(s.late), count(s.backlog), latency(s.p50), latency(s.p90), latency(s.p99),
                 latency(s.max),
                 s.rss_bytes ? Cell(util::format_size(*s.rss_bytes), std::nullopt, raw(s.rss_bytes))
                             : Cell("-", std::nullopt, ""),
                 s.cpu_seconds
                     ? Cell(util::format_duration(*s.cpu_seconds), std::nullopt, raw(s.cpu_seconds))
                     : Cell("-", std::nullopt, "")});
    }
  }
  return table;
}

nlohmann::json load_json(const analysis::LoadFigures& f) {
  nlohmann::json json = {{"scenario", f.scenario},
                         {"intended", f.intended},
                         {"sent", f.sent},
                         {"completed", f.completed},
                         {"errors", f.errors},
                         {"late", f.late},
                         {"dropped", f.dropped},
                         {"first_error", f.first_error},
                         {"success_rate", optional_json(f.success_rate)},
                         {"latency_unit", "seconds"},
                         {"p50", figure_json(f.p50)},
                         {"p90", figure_json(f.p90)},
                         {"p95", figure_json(f.p95)},
                         {"p99", figure_json(f.p99)},
                         {"p999", figure_json(f.p999)},
                         {"max", figure_json(f.max)},
                         {"mean", figure_json(f.mean)},
                         {"achieved_rate", figure_json(f.achieved_rate)},
                         {"recovery_time", optional_json(f.recovery_time)},
                         {"recovered", f.recovered},
                         {"rss_slope_bytes_per_minute", figure_json(f.rss_slope)},
                         {"degradation", figure_json(f.degradation)},
                         {"schedule_error_p99", optional_json(f.schedule_error_p99)},
                         {"max_backlog", f.max_backlog},
                         {"steady_seconds", f.steady_seconds}};
  json["seconds"] = nlohmann::json::array();
  for (const analysis::LoadSecondFigures& s : f.seconds) {
    json["seconds"].push_back({{"process", s.process},
                               {"second", s.second},
                               {"phase", analysis::to_string(s.phase)},
                               {"sent", s.sent},
                               {"completed", s.completed},
                               {"errors", s.errors},
                               {"late", s.late},
                               {"backlog", s.backlog},
                               {"p50", optional_json(s.p50)},
                               {"p90", optional_json(s.p90)},
                               {"p99", optional_json(s.p99)},
                               {"max", optional_json(s.max)},
                               {"rss_bytes", optional_json(s.rss_bytes)},
                               {"cpu_seconds", optional_json(s.cpu_seconds)}});
  }
  return json;
}

std::string render_load_seconds(const analysis::AnalysedRun& analysed, Format format) {
  const store::RunRecord& run = analysed.run;
  if (format != Format::json)
    return render(load_seconds_table(analysed), format);
  nlohmann::json json = {{"schema", "benchctl.load-seconds/1"}, {"run", run.id}};
  json["load_tests"] = nlohmann::json::array();
  for (const store::ResultRecord& result : run.results) {
    if (const auto& figures = analysed.load_of(result)) {
      json["load_tests"].push_back(
          {{"name", result.name}, {"seconds", load_json(*figures)["seconds"]}});
    }
  }
  return json.dump(2) + "\n";
}

}  // namespace benchctl::report
