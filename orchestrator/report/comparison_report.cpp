#include "report/comparison_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <cmath>
#include <optional>

#include "report/table.h"
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

std::string runs_text(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (const std::int64_t id : ids)
    text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

std::string side_title(const analysis::Side& side) {
  const std::string runs = (side.run_ids.size() == 1 ? "run " : "runs ") + runs_text(side.run_ids);
  if (side.reference == runs)
    return fmt::format("{} ({}, {})", side.reference, side.suite, side.started_at);
  return fmt::format("{} ({}, {}, {})", side.reference, runs, side.suite, side.started_at);
}

// " → by 20 pairs: ✅ no change +0.3% [-0.8%, +1.2%]", " → not measured by pairs: ...", or
// nothing.
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

std::string summary_line(const analysis::RunComparison& comparison) {
  const int not_compared =
      static_cast<int>(comparison.benchmarks.size()) - comparison.count(Standing::compared);
  std::string line = fmt::format(
      "❌ {} regression{} · ⚠️ {} slower · 📈 {} improved",
      comparison.count(Verdict::regression), comparison.count(Verdict::regression) == 1 ? "" : "s",
      comparison.count(Verdict::slower), comparison.count(Verdict::improved));
  line +=
      fmt::format(" · ❔ {} inconclusive · ✅ {} no change", comparison.count(Verdict::inconclusive),
                  comparison.count(Verdict::no_change));
  if (not_compared > 0)
    line += fmt::format(" · ⬜ {} not compared", not_compared);
  return line;
}

// "Geometric mean: +1.2% [-0.5%, +2.9%] over 34 benchmarks; kernel +1.0% [...] (30)".
std::string geometric_mean_line(const analysis::RunComparison& comparison) {
  std::string line;
  for (const analysis::GeometricMean& mean : comparison.geometric_means) {
    const std::string figure =
        fmt::format("{} [{}, {}]", signed_percent(mean.ratio), signed_percent(mean.interval.low),
                    signed_percent(mean.interval.high));
    if (mean.plugin.empty())
      line = fmt::format("Geometric mean: {} over {} benchmarks", figure, mean.benchmarks);
    else
      line += fmt::format("{} {} {} ({})", line.find(';') == std::string::npos ? ";" : ",",
                          mean.plugin, figure, mean.benchmarks);
  }
  return line;
}

std::string percent(double fraction) {
  return fmt::format("{:.1f}%", fraction * 100);
}

// "Settled by pairs: 4 benchmarks measured again in 120 pairs of X and Y (runs 5 and 6, 1 min)".
std::string settlement_text(const analysis::Settlement& settlement) {
  const std::string builds =
      fmt::format("{} and {}{}", settlement.baseline_build, settlement.current_build,
                  settlement.identical_builds ? " (the same plugin files)" : "");
  if (settlement.run_a == 0)
    return fmt::format("settling by pairs of {}: neither build has a benchmark to measure", builds);
  return fmt::format(
      "settled by pairs: {} benchmark{} measured again in {} pairs of {} (runs {} and {}, {}); "
      "the gate uses the pairs",
      settlement.benchmarks, settlement.benchmarks == 1 ? "" : "s", settlement.pairs, builds,
      settlement.run_a, settlement.run_b, util::format_duration(settlement.seconds));
}

// When the suite moved together by more than the noise floor and that may be the machine's.
std::optional<std::string> common_move_text(const analysis::RunComparison& comparison) {
  const auto& move = comparison.common_move;
  if (!move || comparison.benchmarks.empty())
    return std::nullopt;
  const stats::Policy& policy = comparison.benchmarks.front().policy;
  if (std::abs(move->ratio - 1) < policy.noise_floor || move->p_machine < policy.alpha)
    return std::nullopt;
  const std::string moved = fmt::format("the {} timed benchmarks moved {} together (median)",
                                        move->benchmarks, signed_percent(move->ratio));
  const std::string why =
      !move->busy.empty() ? move->busy
      : move->history_moves == 0
          ? "without history, runs of this machine are assumed to drift that far apart"
          : fmt::format(
                "this machine's runs have moved that far apart (p {:.2g} from {} "
                "moves in its history)",
                move->p_machine, move->history_moves);
  return fmt::format(
      "{}; {}: that can be the machine's, so each interval spans both readings (all of it the "
      "machine's, or none); pairs of the two builds (`--resolve`) tell which",
      moved, why);
}

std::string processes_text(std::size_t runs, std::size_t processes) {
  if (runs <= 1)
    return std::to_string(processes);
  return fmt::format(
      "{}×{}", runs,
      static_cast<long>(std::lround(static_cast<double>(processes) / static_cast<double>(runs))));
}

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
                   Column("", "pairs"),
                   Column("Verdict", "")};
  table.columns[8].markdown_title = "CI";
  // Benchmarks that also counted instructions add what the counts say, and what both say.
  const bool counted = std::any_of(comparison.benchmarks.begin(), comparison.benchmarks.end(),
                                   [](const BenchmarkComparison& c) { return c.instructions; });
  if (counted) {
    const auto verdict_column = table.columns.end() - 1;
    table.columns.insert(verdict_column,
                         {Column("Instructions", "instructions_ratio", kRight),
                          Column("", "instructions_verdict"), Column("Reading", "reading")});
  }
  // Benchmarks that counted their allocations on both sides: an iteration's, before and after.
  const bool allocated = std::any_of(comparison.benchmarks.begin(), comparison.benchmarks.end(),
                                     [](const BenchmarkComparison& c) { return c.allocations; });
  if (allocated) {
    table.columns.insert(table.columns.end() - 1,
                         {Column("Allocs", "", kRight), Column("", "allocations_before"),
                          Column("", "allocations_after"), Column("", "allocations_verdict")});
  }
  const bool settled = std::any_of(comparison.benchmarks.begin(), comparison.benchmarks.end(),
                                   [](const BenchmarkComparison& c) { return c.paired; });
  if (settled) {
    table.columns.insert(
        table.columns.end() - 1,
        {Column("", "paired_verdict"), Column("", "paired_ratio"), Column("", "paired_ci_low"),
         Column("", "paired_ci_high"), Column("", "paired_pairs")});
  }
  auto number = [](double v) { return fmt::format("{}", v); };
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    const Cell verdict(verdict_text(c, style), verdict_text(c, Style{}), std::nullopt);
    const Cell none("-", {}, "");
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
    const auto& r = c.result;
    const bool size = c.unit == "size";
    std::vector<Cell> row = {
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
        Cell(size ? "-" : fmt::format("{:.3g}", r.adjusted_p_value), {},
             number(r.adjusted_p_value)),
        size ? none : Cell(percent(r.minimum_detectable), {}, number(r.minimum_detectable)),
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
        csv_only(std::to_string(r.pairs)),
        verdict};
    if (counted) {
      const auto verdict_cell = row.end() - 1;
      if (c.instructions) {
        const auto& i = *c.instructions;
        row.insert(verdict_cell, {Cell(signed_percent(i.ratio) + " " + stats::symbol(i.verdict), {},
                                       number(i.ratio)),
                                  csv_only(stats::to_string(i.verdict)),
                                  Cell(c.reading.empty() ? "-" : c.reading, {}, c.reading)});
      } else {
        row.insert(verdict_cell, {Cell("-", {}, ""), csv_only(""), Cell("-", {}, "")});
      }
    }
    if (allocated) {
      const auto verdict_cell = row.end() - 1;
      if (c.allocations) {
        const auto& a = *c.allocations;
        row.insert(verdict_cell,
                   {fmt::format("{} → {} {}", util::format_exact_count(a.before_median),
                                util::format_exact_count(a.after_median), stats::symbol(a.verdict)),
                    csv_only(number(a.before_median)), csv_only(number(a.after_median)),
                    csv_only(stats::to_string(a.verdict))});
      } else {
        row.insert(verdict_cell, {Cell("-", {}, ""), csv_only(""), csv_only(""), csv_only("")});
      }
    }
    if (settled) {
      const auto verdict_cell = row.end() - 1;
      if (c.paired && c.paired->measured()) {
        const auto& p = c.paired->paired;
        row.insert(verdict_cell,
                   {csv_only(stats::to_string(p.verdict)), csv_only(number(p.ratio)),
                    csv_only(number(p.interval.low)), csv_only(number(p.interval.high)),
                    csv_only(std::to_string(p.pairs))});
      } else {
        row.insert(verdict_cell,
                   {csv_only(""), csv_only(""), csv_only(""), csv_only(""), csv_only("")});
      }
    }
    table.add(std::move(row));
  }
  return table;
}

// CSV's rows "(geometric mean)" and "(geometric mean: PLUGIN)" after the benchmarks.
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

std::vector<std::string> warnings(const analysis::RunComparison& comparison) {
  std::vector<std::string> lines;
  if (comparison.cross_machine()) {
    lines.push_back(
        fmt::format("WARNING: ACROSS MACHINES: the baseline ran on {}, the current side on {}; the "
                    "differences are the machines' as much as the code's",
                    fmt::join(comparison.baseline.machines, ", "),
                    fmt::join(comparison.current.machines, ", ")));
  }
  if (comparison.shift && !comparison.settlement)
    lines.push_back("Machine: " + shift_text(*comparison.shift));
  if (const auto move = common_move_text(comparison); move && !comparison.settlement)
    lines.push_back("Suite: " + *move);
  if (comparison.settlement)
    lines.push_back("Pairs: " + settlement_text(*comparison.settlement));
  for (const std::string& difference : comparison.environment_differences)
    lines.push_back("Warning: the environments differ: " + difference);
  for (const std::string& note : comparison.notes)
    lines.push_back("Note: " + note);
  return lines;
}

std::string render_table(const analysis::RunComparison& comparison, const Style& style) {
  std::string out = fmt::format("Baseline: {}\nCurrent:  {}\n", side_title(comparison.baseline),
                                side_title(comparison.current));
  for (const std::string& line : warnings(comparison))
    out += style.yellow(line) + "\n";
  out += "\n" + render_text(comparison_table(comparison, style));
  out += "\n" + summary_line(comparison) + "\n";
  if (const std::string mean = geometric_mean_line(comparison); !mean.empty())
    out += mean + "\n";
  return out;
}

std::string render_markdown(const analysis::RunComparison& comparison) {
  std::string out = fmt::format("## benchctl: {} vs {}\n\n**{}**\n\n", comparison.current.reference,
                                comparison.baseline.reference, summary_line(comparison));
  if (const std::string mean = geometric_mean_line(comparison); !mean.empty())
    out += markdown_cell(mean) + "\n\n";
  out += fmt::format("Baseline: `{}` · Current: `{}`\n\n",
                     markdown_cell(side_title(comparison.baseline)),
                     markdown_cell(side_title(comparison.current)));
  if (comparison.shift && !comparison.settlement)
    out += fmt::format("> 🖥️ {}\n", markdown_cell(shift_text(*comparison.shift)));
  if (const auto move = common_move_text(comparison); move && !comparison.settlement)
    out += fmt::format("> 🖥️ {}\n", markdown_cell(*move));
  if (comparison.settlement)
    out += fmt::format("> ⚖️ {}\n", markdown_cell(settlement_text(*comparison.settlement)));
  for (const std::string& difference : comparison.environment_differences)
    out += fmt::format("> ⚠️ The environments differ: {}\n", markdown_cell(difference));
  for (const std::string& note : comparison.notes)
    out += fmt::format("> ℹ️ {}\n", markdown_cell(note));
  if (!warnings(comparison).empty())
    out += "\n";
  return out + report::render_markdown(comparison_table(comparison, Style{}));
}

}  // namespace

// "the machine was ~12% faster during the current side", with what supports it.
std::string shift_text(const analysis::MachineShift& shift) {
  const double change = shift.median_ratio - 1;
  const std::string moved =
      fmt::format("{} of {} benchmarks moved the same way (median {})", shift.agreeing,
                  shift.compared, signed_percent(shift.median_ratio));
  const std::string machine =
      fmt::format("the machine was ~{} {} during the current side", percent(std::abs(change)),
                  change < 0 ? "faster" : "slower");
  if (!shift.calibration_ratio) {
    return fmt::format(
        "{}: {} (no calibration benchmark on both sides to confirm it); read the "
        "verdicts with that in mind",
        moved, "likely " + machine);
  }
  if (shift.confirmed()) {
    return fmt::format("{} and {} moved {}: {}; read the verdicts with that in mind", moved,
                       shift.calibration, signed_percent(*shift.calibration_ratio), machine);
  }
  return fmt::format("{}, but {} moved {}: a change common to the code is as likely as the machine",
                     moved, shift.calibration, signed_percent(*shift.calibration_ratio));
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
      return render_csv(with_geometric_means(comparison_table(comparison, Style{}), comparison));
  }
  return {};
}

}  // namespace benchctl::report
