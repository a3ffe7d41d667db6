#include "analysis/common_move.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "analysis/comparison.h"
#include "stats/common_move.h"
#include "stats/summary.h"
#include "util/units.h"

namespace benchctl::analysis {
namespace {

// Below this many benchmarks the median says nothing apart from each benchmark's own move: the
// relative reading is then never a change on its own.
constexpr int kRelativeMinimum = 3;
// Kinds of work answer a whole-run move by more or less than the suite's median: measured on the
// project's VM while a compile kept the other core busy, benchmarks moved by 0.67 to 1.10 times
// the suite's move. Each relative reading carries that spread times the move.
constexpr double kResponseSpread = 0.3;
// Whole-run moves in a history before its total noise is read apart from them.
constexpr double kDecomposedMinimum = 5;
// A run is busy when its typical (median) process waited this long for a CPU, or had this much
// stolen: a sustained neighbour, not a moment's (a process or two beyond the disturbance limits is
// common on a shared machine, and the run's statistics absorb it).
constexpr double kBusyPressure = 0.25;
constexpr double kBusySteal = 0.05;

std::optional<double> typical_of(std::vector<double> values) {
  if (values.empty())
    return std::nullopt;
  return stats::median(std::move(values));
}

}  // namespace

std::optional<CommonMove> weigh_common_move(std::vector<BenchmarkComparison>& benchmarks,
                                            const NoiseModel& noise, const BusyMachine& busy) {
  std::vector<BenchmarkComparison*> timed;
  std::vector<double> log_ratios;
  for (BenchmarkComparison& c : benchmarks) {
    if (c.standing == Standing::compared && c.unit == "time" && c.levels) {
      timed.push_back(&c);
      log_ratios.push_back(std::log(c.levels->ratio));
    }
  }
  if (timed.empty())
    return std::nullopt;
  CommonMove move;
  move.benchmarks = static_cast<int>(timed.size());
  const double shift = stats::median(log_ratios);
  move.ratio = std::exp(shift);
  const bool any_wall_time =
      std::any_of(timed.begin(), timed.end(), [](const auto* c) { return !c->policy.cpu_time; });
  move.busy = busy.explaining(move.ratio, !any_wall_time);
  move.history_moves = static_cast<int>(noise.common_moves().size());
  const double p_quiet_machine = stats::machine_move_p_value(
      shift, noise.common_moves(), noise.independent_common_moves(), noise.machine());
  move.p_machine = move.busy.empty() ? p_quiet_machine : 1.0;

  // The median's own error: what each benchmark's relative reading carries, π/2 of a mean's.
  double idiosyncratic = 0;
  for (const BenchmarkComparison* c : timed) {
    idiosyncratic += c->levels->run_coefficient * noise.estimate(c->name).relative_prior.variance +
                     c->levels->process_part;
  }
  const double common_variance =
      std::numbers::pi / 2 * idiosyncratic / (move.benchmarks * move.benchmarks);

  const double response_variance = std::pow(kResponseSpread * shift, 2);
  // With a history of whole-run moves, a benchmark's total move is judged against its noise
  // outside them (its noise relative to the suite, and the common level's quiet drift): the
  // whole-run moves are what p_machine judges. Without, against its total noise as it is.
  const bool decomposed = noise.independent_common_moves() >= kDecomposedMinimum;
  for (BenchmarkComparison* c : timed) {
    const NoiseEstimate& estimate = noise.estimate(c->name);
    const stats::MoveTest relative =
        stats::relative_move(*c->levels, shift, common_variance + response_variance,
                             estimate.relative_prior, c->policy.confidence);
    stats::MoveTest total;
    total.p_value = c->levels->p_value;
    total.interval = c->result.interval;
    if (decomposed) {
      const stats::RunNoise quiet = stats::pool({estimate.relative_prior, noise.quiet_common()});
      total = stats::move_test(
          std::log(c->levels->ratio), *c->levels,
          {estimate.relative_prior.variance + noise.quiet_common().variance, quiet.df}, 0,
          c->policy.confidence);
    }
    const double p_relative = move.benchmarks >= kRelativeMinimum ? relative.p_value : 1.0;
    stats::SampleComparison& r = c->result;
    // A busy machine's timings convict no move it could have made: the run's processes were
    // disturbed unevenly.
    const bool busy_here = !busy.explaining(c->levels->ratio, c->policy.cpu_time).empty();
    const double p_machine = busy_here ? 1.0 : p_quiet_machine;
    r.p_value = r.adjusted_p_value =
        busy_here ? 1.0 : std::max(total.p_value, std::min(p_relative, p_machine));
    r.interval = total.interval;
    if (!c->policy.significant(p_machine) && move.benchmarks >= kRelativeMinimum) {
      r.interval = {std::min(r.interval.low, relative.interval.low),
                    std::max(r.interval.high, relative.interval.high)};
    }
  }
  return move;
}

BusyMachine busy_machine(const std::vector<store::RunRecord>& baseline,
                         const std::vector<store::RunRecord>& current) {
  BusyMachine busy;
  for (auto [runs, side] : {std::pair{&baseline, &busy.baseline}, {&current, &busy.current}}) {
    for (const store::RunRecord& run : *runs) {
      std::vector<double> pressure, steal;
      for (const store::ResultRecord& result : run.results) {
        for (const store::ProcessRecord& process : result.processes) {
          if (process.conditions.cpu_pressure)
            pressure.push_back(*process.conditions.cpu_pressure);
          if (process.conditions.steal)
            steal.push_back(*process.conditions.steal);
        }
      }
      const double typical_pressure = typical_of(pressure).value_or(0);
      const double typical_steal = typical_of(steal).value_or(0);
      const bool waited = typical_pressure >= kBusyPressure;
      const bool stolen = typical_steal >= kBusySteal;
      if (!waited && !stolen)
        continue;
      const std::string text = fmt::format(
          "run {} ran on a busy machine (its typical process waited for a CPU {} of the time, and "
          "the hypervisor stole {})",
          run.id, util::format_percent(typical_pressure), util::format_percent(typical_steal));
      if (side->wall_time.empty())
        side->wall_time = text;
      if (stolen && side->cpu_time.empty())
        side->cpu_time = text;
    }
  }
  return busy;
}

}  // namespace benchctl::analysis
