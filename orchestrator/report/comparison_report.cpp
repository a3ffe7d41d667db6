#include "report/comparison_report.h"

#include <fmt/format.h>

#include "util/text_table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

using analysis::BenchmarkComparison;
using analysis::Standing;
using stats::Verdict;

std::string value_text(double value, const std::string& unit) {
  return unit == "size" ? util::format_size(value) : util::format_duration(value);
}

std::string side_title(const analysis::Side& side) {
  if (side.reference == fmt::format("run {}", side.run_id)) {
    return fmt::format("{} ({}, {})", side.reference, side.suite, side.started_at);
  }
  return fmt::format("{} (run {}, {}, {})", side.reference, side.run_id, side.suite,
                     side.started_at);
}

std::string verdict_text(const BenchmarkComparison& c, const Style& style) {
  if (c.standing != Standing::compared)
    return "⬜ " + analysis::to_string(c.standing);
  const std::string text =
      stats::symbol(c.result.verdict) + " " + stats::to_string(c.result.verdict);
  switch (c.result.verdict) {
    case Verdict::regression:
      return style.red(text);
    case Verdict::slower:
      return style.yellow(text);
    case Verdict::improved:
      return style.green(text);
    case Verdict::no_change:
      break;
  }
  if (!c.result.testable)
    return text + " (too few processes to test)";
  return text;
}

std::string summary_line(const analysis::RunComparison& comparison) {
  const int not_compared =
      static_cast<int>(comparison.benchmarks.size()) - comparison.count(Standing::compared);
  std::string line =
      fmt::format("❌ {} regressions · ⚠️ {} slower · 📈 {} improved · ✅ {} no change",
                  comparison.count(Verdict::regression), comparison.count(Verdict::slower),
                  comparison.count(Verdict::improved), comparison.count(Verdict::no_change));
  if (not_compared > 0)
    line += fmt::format(" · ⬜ {} not compared", not_compared);
  return line;
}

struct Cells {
  std::string baseline, current, change, interval, p, processes;
};

Cells cells_of(const BenchmarkComparison& c) {
  if (c.standing != Standing::compared)
    return {"-", "-", "-", "-", "-", "-"};
  const auto& r = c.result;
  Cells cells;
  cells.baseline = value_text(r.before_median, c.unit);
  cells.current = value_text(r.after_median, c.unit);
  cells.change = signed_percent(r.ratio);
  cells.interval = c.unit == "size" ? "exact"
                                    : fmt::format("[{}, {}]", signed_percent(r.interval.low),
                                                  signed_percent(r.interval.high));
  cells.p = c.unit == "size" ? "-" : fmt::format("{:.3g}", r.adjusted_p_value);
  cells.processes = fmt::format("{}/{}", r.before_count, r.after_count);
  return cells;
}

std::string render_table(const analysis::RunComparison& comparison, const Style& style) {
  std::string out = fmt::format("Baseline: {}\nCurrent:  {}\n", side_title(comparison.baseline),
                                side_title(comparison.current));
  for (const std::string& difference : comparison.environment_differences) {
    out += style.yellow("Warning: the environments differ: " + difference) + "\n";
  }
  for (const std::string& note : comparison.notes)
    out += style.yellow("Note: " + note) + "\n";
  out += "\n";
  const int level = static_cast<int>(std::lround(
      (comparison.benchmarks.empty() ? 0.95 : comparison.benchmarks.front().policy.confidence) *
      100));
  constexpr auto L = util::TextTable::Align::left;
  constexpr auto R = util::TextTable::Align::right;
  util::TextTable table({"Benchmark", "Baseline", "Current", "Change", fmt::format("{}% CI", level),
                         "p", "n", "Verdict"},
                        {L, R, R, R, R, R, R, L});
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    const Cells cells = cells_of(c);
    table.add_row({c.name, cells.baseline, cells.current, cells.change, cells.interval, cells.p,
                   cells.processes, verdict_text(c, style)});
  }
  out += table.render();
  out += "\n" + summary_line(comparison) + "\n";
  return out;
}

std::string render_markdown(const analysis::RunComparison& comparison) {
  std::string out = fmt::format("## benchctl: {} vs {}\n\n**{}**\n\n", comparison.current.reference,
                                comparison.baseline.reference, summary_line(comparison));
  out += fmt::format("Baseline: `{}` · Current: `{}`\n\n",
                     markdown_cell(side_title(comparison.baseline)),
                     markdown_cell(side_title(comparison.current)));
  for (const std::string& difference : comparison.environment_differences) {
    out += fmt::format("> ⚠️ The environments differ: {}\n", markdown_cell(difference));
  }
  for (const std::string& note : comparison.notes)
    out += fmt::format("> ℹ️ {}\n", markdown_cell(note));
  if (!comparison.environment_differences.empty() || !comparison.notes.empty())
    out += "\n";
  out += "| Benchmark | Baseline | Current | Change | CI | p | n | Verdict |\n";
  out += "|---|---:|---:|---:|---:|---:|---:|---|\n";
  const Style plain;
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    const Cells cells = cells_of(c);
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {} |\n", markdown_cell(c.name),
                       cells.baseline, cells.current, cells.change, cells.interval, cells.p,
                       cells.processes, markdown_cell(verdict_text(c, plain)));
  }
  return out;
}

std::string render_csv(const analysis::RunComparison& comparison) {
  std::string out =
      "name,kind,standing,verdict,unit,baseline_median,current_median,ratio,ci_low,ci_high,p_value,"
      "adjusted_p_value,baseline_processes,current_processes\n";
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    const bool compared = c.standing == Standing::compared;
    const auto& r = c.result;
    auto number = [&](double v) { return compared ? fmt::format("{}", v) : std::string(); };
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(c.name),
                       store::to_string(c.kind), csv_field(analysis::to_string(c.standing)),
                       compared ? stats::to_string(r.verdict) : "", c.unit, number(r.before_median),
                       number(r.after_median), number(r.ratio), number(r.interval.low),
                       number(r.interval.high), number(r.p_value), number(r.adjusted_p_value),
                       compared ? std::to_string(r.before_count) : "",
                       compared ? std::to_string(r.after_count) : "");
  }
  return out;
}

nlohmann::json side_json(const analysis::Side& side) {
  return {{"run", side.run_id},
          {"reference", side.reference},
          {"suite", side.suite},
          {"started_at", side.started_at},
          {"commit", side.commit}};
}

}  // namespace

nlohmann::json comparison_json(const analysis::RunComparison& comparison) {
  nlohmann::json json;
  json["schema"] = "benchctl.compare/1";
  json["baseline"] = side_json(comparison.baseline);
  json["current"] = side_json(comparison.current);
  json["environment_differences"] = comparison.environment_differences;
  json["notes"] = comparison.notes;
  json["summary"] = {{"regression", comparison.count(Verdict::regression)},
                     {"slower", comparison.count(Verdict::slower)},
                     {"improved", comparison.count(Verdict::improved)},
                     {"no_change", comparison.count(Verdict::no_change)},
                     {"only_in_baseline", comparison.count(Standing::only_in_baseline)},
                     {"only_in_current", comparison.count(Standing::only_in_current)},
                     {"failed", comparison.count(Standing::failed_in_baseline) +
                                    comparison.count(Standing::failed_in_current)}};
  json["benchmarks"] = nlohmann::json::array();
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    nlohmann::json b = {{"name", c.name},
                        {"kind", store::to_string(c.kind)},
                        {"standing", analysis::to_string(c.standing)}};
    if (c.standing == Standing::compared) {
      const auto& r = c.result;
      b["verdict"] = stats::to_string(r.verdict);
      b["unit"] = c.unit == "size" ? "bytes" : "seconds";
      b["baseline"] = {{"median", r.before_median}, {"processes", r.before_count}};
      b["current"] = {{"median", r.after_median}, {"processes", r.after_count}};
      b["ratio"] = r.ratio;
      b["interval"] = {r.interval.low, r.interval.high};
      b["p_value"] = r.p_value;
      b["adjusted_p_value"] = r.adjusted_p_value;
      b["testable"] = r.testable;
      b["policy"] = c.policy;
    }
    json["benchmarks"].push_back(std::move(b));
  }
  return json;
}

std::string render_comparison(const analysis::RunComparison& comparison, Format format,
                              const Style& style) {
  switch (format) {
    case Format::table:
      return render_table(comparison, style);
    case Format::markdown:
      return render_markdown(comparison);
    case Format::json:
      return comparison_json(comparison).dump(2) + "\n";
    case Format::csv:
      return render_csv(comparison);
  }
  return {};
}

}  // namespace benchctl::report
