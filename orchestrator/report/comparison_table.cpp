#include "report/comparison_table.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "util/units.h"

namespace benchctl::report {
namespace {

using analysis::BenchmarkComparison;
using analysis::Standing;
using stats::Verdict;

std::string value_text(double value, const std::string& unit) {
  if (unit == "size")
    return util::format_size(value);
  if (unit == "instructions")
    return util::format_count(value) + " instr";
  return util::format_duration(value);
}

std::string paired_text(const BenchmarkComparison& c) {
  if (!c.paired)
    return {};
  if (!c.paired->measured())
    return " → not measured by pairs: " + c.paired->missing;
  const auto& pairs = c.paired->paired;
  return fmt::format(" → by {} pairs: {} {} {} [{}, {}]", pairs.pairs, stats::symbol(pairs.verdict),
                     stats::to_string(pairs.verdict), signed_percent(pairs.ratio),
                     signed_percent(pairs.interval.low), signed_percent(pairs.interval.high));
}

std::string verdict_text(const BenchmarkComparison& c, const Style& style) {
  if (c.standing != Standing::compared)
    return "⬜ " + analysis::to_string(c.standing);
  const std::string text =
      stats::symbol(c.result.verdict) + " " + stats::to_string(c.result.verdict) + paired_text(c);
  switch (c.final_verdict()) {
    case Verdict::regression:
      return style.red(text);
    case Verdict::slower:
    case Verdict::inconclusive:
      return style.yellow(text);
    case Verdict::improved:
      return style.green(text);
    case Verdict::no_change:
      break;
  }
  return text;
}

std::string processes_text(std::size_t runs, std::size_t processes) {
  if (runs <= 1)
    return std::to_string(processes);
  return fmt::format(
      "{}×{}", runs,
      static_cast<long>(std::lround(static_cast<double>(processes) / static_cast<double>(runs))));
}

std::string number(double v) {
  return fmt::format("{}", v);
}

// Columns a comparison shows, before the verdict, only when some benchmark has what they hold.
struct OptionalColumns {
  std::vector<Column> columns;
  bool (*present)(const BenchmarkComparison&);
  std::vector<Cell> (*cells)(const BenchmarkComparison&);  // when present
};

// What the counts say (benchmarks that also counted instructions), and what both say; the
// allocations of an iteration before and after; the pairs a settled comparison measured.
const std::vector<OptionalColumns>& optional_columns() {
  static const std::vector<OptionalColumns> groups = {
      {{Column("Instructions", "instructions_ratio", kRight), Column("", "instructions_verdict"),
        Column("Reading", "reading")},
       [](const BenchmarkComparison& c) { return c.instructions.has_value(); },
       [](const BenchmarkComparison& c) -> std::vector<Cell> {
         const auto& i = *c.instructions;
         return {
             Cell(signed_percent(i.ratio) + " " + stats::symbol(i.verdict), {}, number(i.ratio)),
             csv_only(stats::to_string(i.verdict)),
             Cell(c.reading.empty() ? "-" : c.reading, {}, c.reading)};
       }},
      {{Column("Allocs", "", kRight), Column("", "allocations_before"),
        Column("", "allocations_after"), Column("", "allocations_verdict")},
       [](const BenchmarkComparison& c) { return c.allocations.has_value(); },
       [](const BenchmarkComparison& c) -> std::vector<Cell> {
         const auto& a = *c.allocations;
         return {fmt::format("{} → {} {}", util::format_exact_count(a.before_median),
                             util::format_exact_count(a.after_median), stats::symbol(a.verdict)),
                 csv_only(number(a.before_median)), csv_only(number(a.after_median)),
                 csv_only(stats::to_string(a.verdict))};
       }},
      {{Column("", "paired_verdict"), Column("", "paired_ratio"), Column("", "paired_ci_low"),
        Column("", "paired_ci_high"), Column("", "paired_pairs")},
       [](const BenchmarkComparison& c) { return c.paired.has_value(); },
       [](const BenchmarkComparison& c) -> std::vector<Cell> {
         if (!c.paired->measured())
           return {csv_only(""), csv_only(""), csv_only(""), csv_only(""), csv_only("")};
         const auto& p = c.paired->paired;
         return {csv_only(stats::to_string(p.verdict)), csv_only(number(p.ratio)),
                 csv_only(number(p.interval.low)), csv_only(number(p.interval.high)),
                 csv_only(std::to_string(p.pairs))};
       }},
  };
  return groups;
}

// The cells of a compared benchmark, up to its verdict.
std::vector<Cell> compared_cells(const BenchmarkComparison& c) {
  const auto& r = c.result;
  const bool size = c.unit == "size";
  const Cell none("-", {}, "");
  return {
      c.name,
      csv_only(store::to_string(c.kind)),
      csv_only(analysis::to_string(c.standing)),
      csv_only(stats::to_string(r.verdict)),
      csv_only(c.unit),
      Cell(value_text(r.before_median, c.unit), {}, number(r.before_median)),
      Cell(value_text(r.after_median, c.unit), {}, number(r.after_median)),
      Cell(signed_percent(r.ratio), {}, number(r.ratio)),
      size ? "exact"
           : fmt::format("[{}, {}]", signed_percent(r.interval.low),
                         signed_percent(r.interval.high)),
      csv_only(number(r.interval.low)),
      csv_only(number(r.interval.high)),
      csv_only(number(r.p_value)),
      Cell(size ? "-" : fmt::format("{:.3g}", r.adjusted_p_value), {}, number(r.adjusted_p_value)),
      size ? none
           : Cell(util::format_percent(r.minimum_detectable), {}, number(r.minimum_detectable)),
      csv_only(size ? "" : number(r.run_sd)),
      csv_only(size ? "" : number(r.process_sd)),
      csv_only(size ? "" : std::to_string(c.history_runs)),
      r.pairs > 0 ? fmt::format("{} pairs", r.pairs)
                  : fmt::format("{}/{}", processes_text(r.before_runs, r.before_count),
                                processes_text(r.after_runs, r.after_count)),
      csv_only(std::to_string(r.before_runs)),
      csv_only(std::to_string(r.before_count)),
      csv_only(std::to_string(r.after_runs)),
      csv_only(std::to_string(r.after_count)),
      csv_only(std::to_string(r.pairs))};
}

}  // namespace

Table comparison_table(const analysis::RunComparison& comparison, const Style& style) {
  const int level = static_cast<int>(std::lround(
      (comparison.benchmarks.empty() ? 0.95 : comparison.benchmarks.front().policy.confidence) *
      100));
  Table table;
  table.columns = {Column("Benchmark", "name", kLeft, true),
                   Column("", "kind"),
                   Column("", "standing"),
                   Column("", "verdict"),
                   Column("", "unit"),
                   Column("Baseline", "baseline_median", kRight),
                   Column("Current", "current_median", kRight),
                   Column("Change", "ratio", kRight),
                   Column(fmt::format("{}% CI", level), "", kRight),
                   Column("", "ci_low"),
                   Column("", "ci_high"),
                   Column("", "p_value"),
                   Column("p", "adjusted_p_value", kRight),
                   Column("MDE", "minimum_detectable", kRight),
                   Column("", "run_spread"),
                   Column("", "process_spread"),
                   Column("", "history_runs"),
                   Column("n", "", kRight),
                   Column("", "baseline_runs"),
                   Column("", "baseline_processes"),
                   Column("", "current_runs"),
                   Column("", "current_processes"),
                   Column("", "pairs")};
  table.columns[8].markdown_title = "CI";
  std::vector<const OptionalColumns*> shown;
  for (const OptionalColumns& group : optional_columns()) {
    if (std::any_of(comparison.benchmarks.begin(), comparison.benchmarks.end(), group.present)) {
      shown.push_back(&group);
      table.columns.insert(table.columns.end(), group.columns.begin(), group.columns.end());
    }
  }
  table.columns.push_back(Column("Verdict", ""));
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    const Cell verdict(verdict_text(c, style), verdict_text(c, Style{}), std::nullopt);
    if (c.standing != Standing::compared) {
      std::vector<Cell> row = table.blank_row();
      row[0] = c.name;
      row[1] = csv_only(store::to_string(c.kind));
      row[2] = csv_only(analysis::to_string(c.standing));
      row[4] = csv_only(c.unit);
      row.back() = verdict;
      table.add(std::move(row));
      continue;
    }
    std::vector<Cell> row = compared_cells(c);
    for (const OptionalColumns* group : shown) {
      if (group->present(c)) {
        const std::vector<Cell> cells = group->cells(c);
        row.insert(row.end(), cells.begin(), cells.end());
      } else {
        // Blank: "-" where a column shows, nothing where it is CSV's only.
        for (const Column& column : group->columns)
          row.push_back(column.title.empty() ? csv_only("") : Cell("-", {}, ""));
      }
    }
    row.push_back(verdict);
    table.add(std::move(row));
  }
  return table;
}

Table with_geometric_means(Table table, const analysis::RunComparison& comparison) {
  auto at = [&](const char* csv_name) {
    return std::find_if(table.columns.begin(), table.columns.end(),
                        [&](const Column& c) { return c.csv == csv_name; }) -
           table.columns.begin();
  };
  for (const analysis::GeometricMean& mean : comparison.geometric_means) {
    std::vector<Cell> row = table.blank_row();
    row[at("name")] =
        mean.plugin.empty() ? "(geometric mean)" : "(geometric mean: " + mean.plugin + ")";
    row[at("unit")] = csv_only("time");
    row[at("ratio")] = csv_only(fmt::format("{}", mean.ratio));
    row[at("ci_low")] = csv_only(fmt::format("{}", mean.interval.low));
    row[at("ci_high")] = csv_only(fmt::format("{}", mean.interval.high));
    table.add(std::move(row));
  }
  return table;
}

}  // namespace benchctl::report
