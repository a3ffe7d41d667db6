#include "report/bisect_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/table.h"

namespace benchctl::report {
namespace {

std::string short_commit(const std::string& commit) {
  return commit.substr(0, 12);
}

std::string headline(const BisectReport& report) {
  const workflow::BisectResult& r = report.result;
  switch (r.end) {
    case workflow::BisectEnd::no_change:
      return fmt::format("No benchmark moved by {} between {} and {}", report.measured,
                         short_commit(r.last_good), short_commit(r.culprit));
    case workflow::BisectEnd::range:
      return fmt::format(
          "The change is in {}..{} (commits in between could not be measured, or "
          "--max-builds was reached), after {} builds",
          short_commit(r.first_candidate), short_commit(r.culprit), r.builds);
    case workflow::BisectEnd::found:
      break;
  }
  return fmt::format("First commit at the new level: {} \"{}\" (after {}), found in {} builds",
                     short_commit(r.culprit), report.subject, short_commit(r.last_good), r.builds);
}

Table probes_table(const BisectReport& report) {
  const workflow::BisectResult& r = report.result;
  Table table;
  table.columns = {Column("Commit", "commit"), Column("Run", "run", kRight),
                   Column("Level", "level")};
  for (const std::string& name : r.moved)
    table.columns.push_back(Column(name, name, kRight, true));
  table.columns.push_back(Column("Note", "note"));
  for (const workflow::Probe& probe : r.probes) {
    std::vector<Cell> row = {short_commit(probe.commit),
                             probe.measured ? std::to_string(probe.run_id) : "-",
                             !probe.measured   ? "skipped"
                             : probe.new_level ? "new"
                                               : "old"};
    for (const std::string& name : r.moved) {
      const auto found = probe.figures.find(name);
      row.push_back(found == probe.figures.end()
                        ? Cell("-")
                        : Cell(signed_percent(found->second / r.good_figures.at(name)),
                               std::nullopt, fmt::format("{}", found->second)));
    }
    row.push_back(probe.measured ? "-" : probe.why_not);
    table.add(row);
  }
  return table;
}

Table confirmed_table(const BisectReport& report) {
  Table table;
  table.columns = {Column("Benchmark", "benchmark", kLeft, true), Column("Change", "ratio", kRight),
                   Column("CI", "", kRight), Column("Verdict", "verdict"),
                   Column("Confirmed", "confirmed")};
  for (const ConfirmedChange& c : report.confirmed) {
    table.add({c.benchmark, signed_percent(c.ratio),
               fmt::format("[{}, {}]", signed_percent(c.low), signed_percent(c.high)), c.verdict,
               c.confirmed ? "yes" : "no"});
  }
  return table;
}

std::string confirmation_line(const BisectReport& report) {
  if (!report.not_confirmed.empty())
    return "Not confirmed by an A/B: " + report.not_confirmed;
  return fmt::format("Paired A/B of {} against its parent {}:", short_commit(report.result.culprit),
                     short_commit(report.result.last_good));
}

nlohmann::json bisect_json(const BisectReport& report) {
  const workflow::BisectResult& r = report.result;
  nlohmann::json probes = nlohmann::json::array();
  for (const workflow::Probe& p : r.probes) {
    probes.push_back({{"commit", p.commit},
                      {"measured", p.measured},
                      {"run", p.measured ? nlohmann::json(p.run_id) : nullptr},
                      {"figures", p.figures},
                      {"why_not", p.why_not}});
  }
  nlohmann::json confirmed = nlohmann::json::array();
  for (const ConfirmedChange& c : report.confirmed) {
    confirmed.push_back({{"benchmark", c.benchmark},
                         {"verdict", c.verdict},
                         {"confirmed", c.confirmed},
                         {"ratio", c.ratio},
                         {"interval", {c.low, c.high}}});
  }
  const char* end = r.end == workflow::BisectEnd::found   ? "found"
                    : r.end == workflow::BisectEnd::range ? "range"
                                                          : "no-change";
  return {{"schema", "benchctl.bisect/1"},
          {"end", end},
          {"culprit", r.culprit},
          {"subject", report.subject},
          {"last_good", r.last_good},
          {"first_candidate", r.first_candidate},
          {"measured", report.measured},
          {"moved", r.moved},
          {"good", r.good_figures},
          {"bad", r.bad_figures},
          {"builds", r.builds},
          {"probes", probes},
          {"confirmed", confirmed},
          {"not_confirmed", report.not_confirmed}};
}

}  // namespace

std::string render_bisect(const BisectReport& report, Format format) {
  switch (format) {
    case Format::json:
      return bisect_json(report).dump(2) + "\n";
    case Format::csv:
      return render_csv(probes_table(report));
    case Format::markdown: {
      std::string out =
          fmt::format("## benchctl bisect\n\n{}\n\n", markdown_cell(headline(report)));
      if (report.result.end == workflow::BisectEnd::found) {
        out += markdown_cell(confirmation_line(report)) + "\n\n";
        if (!report.confirmed.empty())
          out += render_markdown(confirmed_table(report)) + "\n";
      }
      return out + render_markdown(probes_table(report));
    }
    case Format::table:
      break;
  }
  std::string out = headline(report) + "\n";
  if (report.result.end == workflow::BisectEnd::found) {
    out += "\n" + confirmation_line(report) + "\n";
    if (!report.confirmed.empty())
      out += render_text(confirmed_table(report));
  }
  return out + "\nProbes (" + report.measured + ", relative to the good commit):\n" +
         render_text(probes_table(report));
}

}  // namespace benchctl::report
