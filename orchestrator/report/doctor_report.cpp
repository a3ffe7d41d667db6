#include "report/doctor_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/table.h"

namespace benchctl::report {
namespace {

std::string coloured(workflow::CheckStatus status, const Style& style) {
  const std::string name = workflow::name_of(status);
  switch (status) {
    case workflow::CheckStatus::ok:
      return style.green(name);
    case workflow::CheckStatus::warn:
      return style.red(name);
    case workflow::CheckStatus::note:
      return style.yellow(name);
    case workflow::CheckStatus::unknown:
      break;
  }
  return name;
}

Table checks_table(const workflow::Examination& examination, const Style& style) {
  Table table;
  table.columns = {Column("Status", "status"), Column("Check", "check"), Column("Found", "found"),
                   Column("What to do", "advice")};
  for (const workflow::Check& check : examination.checks) {
    table.add({Cell(coloured(check.status, style), workflow::name_of(check.status),
                    workflow::name_of(check.status)),
               check.name, check.found, check.advice.empty() ? "-" : check.advice});
  }
  return table;
}

std::string verdict_line(const workflow::Examination& examination) {
  return examination.quiet_enough()
             ? "Quiet enough to measure on: no check warns."
             : "Not quiet enough: the checks marked warn make timings noisier.";
}

Table changes_table(const std::vector<workflow::TuneChange>& changes) {
  Table table;
  table.columns = {Column("File", "file"), Column("Was", "before"), Column("Now", "after")};
  for (const workflow::TuneChange& c : changes)
    table.add({c.file, c.before, c.after});
  return table;
}

}  // namespace

std::string render_examination(const workflow::Examination& examination, Format format,
                               const Style& style) {
  switch (format) {
    case Format::json: {
      nlohmann::json checks = nlohmann::json::array();
      for (const workflow::Check& c : examination.checks) {
        checks.push_back({{"name", c.name},
                          {"status", workflow::name_of(c.status)},
                          {"found", c.found},
                          {"advice", c.advice}});
      }
      const nlohmann::json json = {{"schema", "benchctl.doctor/1"},
                                   {"quiet_enough", examination.quiet_enough()},
                                   {"sampled_seconds", examination.seconds},
                                   {"tuning", examination.tuning},
                                   {"checks", checks}};
      return json.dump(2) + "\n";
    }
    case Format::csv:
      return render_csv(checks_table(examination, {}));
    case Format::markdown:
      return fmt::format("## benchctl doctor\n\n{}\n\n", verdict_line(examination)) +
             render_markdown(checks_table(examination, {}));
    case Format::table:
      break;
  }
  return render_text(checks_table(examination, style)) + "\n" + verdict_line(examination) + "\n";
}

std::string render_tuning(const std::vector<workflow::TuneChange>& changes,
                          const std::string& action, Format format) {
  if (format == Format::json) {
    nlohmann::json json = {
        {"schema", "benchctl.tuning/1"}, {"action", action}, {"changes", nlohmann::json::array()}};
    for (const workflow::TuneChange& c : changes)
      json["changes"].push_back({{"file", c.file}, {"before", c.before}, {"after", c.after}});
    return json.dump(2) + "\n";
  }
  if (changes.empty()) {
    return action == "tuned" ? "Nothing to tune: every setting doctor --tune writes is as it "
                               "would write it (or not shown on this machine).\n"
                             : "Nothing was tuned.\n";
  }
  const std::string head =
      action == "tuned"
          ? fmt::format("Tuned {} setting(s); benchctl doctor --reset puts them back:",
                        changes.size())
          : fmt::format("Put back {} setting(s):", changes.size());
  if (format == Format::csv)
    return render_csv(changes_table(changes));
  if (format == Format::markdown)
    return head + "\n\n" + render_markdown(changes_table(changes));
  return head + "\n" + render_text(changes_table(changes));
}

}  // namespace benchctl::report
