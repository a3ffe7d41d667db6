#include "report/comparison_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <cmath>
#include <optional>

#include "report/comparison_table.h"
#include "report/profile_report.h"
#include "report/table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

using analysis::BenchmarkComparison;
using analysis::Standing;
using stats::Verdict;

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
  if (!comparison.profiles.empty()) {
    out += "\nWhere the regressions spend more:\n\n" +
           render_profiles(comparison.profiles, Format::table, kProfileTopFunctions);
  }
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
  out += report::render_markdown(comparison_table(comparison, Style{}));
  if (!comparison.profiles.empty()) {
    out += "\n#### Where the regressions spend more\n\n" +
           render_profiles(comparison.profiles, Format::markdown, kProfileTopFunctions);
  }
  return out;
}

}  // namespace

// "the machine was ~12% faster during the current side", with what supports it.
std::string shift_text(const analysis::MachineShift& shift) {
  const double change = shift.median_ratio - 1;
  const std::string moved =
      fmt::format("{} of {} benchmarks moved the same way (median {})", shift.agreeing,
                  shift.compared, signed_percent(shift.median_ratio));
  const std::string machine =
      fmt::format("the machine was ~{} {} during the current side",
                  util::format_percent(std::abs(change)), change < 0 ? "faster" : "slower");
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
