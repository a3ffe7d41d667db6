#include "analysis/history_levels.h"

#include <cmath>
#include <map>

#include "analysis/comparison.h"
#include "stats/summary.h"

namespace benchctl::analysis {
namespace {

// Per run, the median over `benchmarks` of each one's log figure (`figure_of`) centred on its
// own median over the runs; runs with fewer than `minimum` benchmarks have none.
template <class Figure>
std::map<std::int64_t, double> levels_of(const std::vector<const BenchmarkHistory*>& benchmarks,
                                         Figure figure_of, std::size_t minimum) {
  std::map<std::int64_t, std::vector<double>> deviations;
  for (const BenchmarkHistory* b : benchmarks) {
    std::vector<double> logs;
    for (const SeriesPoint& point : b->points)
      logs.push_back(std::log(figure_of(point)));
    const double centre = stats::median(logs);
    for (std::size_t i = 0; i < b->points.size(); ++i)
      deviations[b->points[i].run_id].push_back(logs[i] - centre);
  }
  std::map<std::int64_t, double> levels;
  for (const auto& [run, values] : deviations) {
    if (values.size() >= minimum)
      levels[run] = std::exp(stats::median(values));
  }
  return levels;
}

}  // namespace

// With calibration benchmarks in the suite, each other benchmark's own figure becomes its median
// relative to the machine's level in that run: the calibration benchmarks' median move.
void correct_for_machine(History& history) {
  std::vector<const BenchmarkHistory*> calibration;
  for (const BenchmarkHistory& b : history.benchmarks) {
    if (is_calibration(b.name) && b.not_searched.empty())
      calibration.push_back(&b);
  }
  if (calibration.empty())
    return;
  const auto machine = levels_of(
      calibration, [](const SeriesPoint& p) { return p.median; }, 1);
  for (BenchmarkHistory& b : history.benchmarks) {
    if (is_calibration(b.name))
      continue;
    for (SeriesPoint& point : b.points) {
      const auto found = machine.find(point.run_id);
      point.own = point.median / (found == machine.end() ? 1.0 : found->second);
    }
  }
  history.machine_corrected = true;
}

// The suite's common level: each benchmark's log own figure centred on its own median over the
// runs, and per run the median of those over its benchmarks (over the benchmarks that are not
// calibration, when the figures are corrected for the machine). Every point gets its level (its
// median over the run's common level) and the common level becomes a series of its own. Nothing
// changes when fewer than kCommonLevelMinimum benchmarks can be searched.
void add_common_level(History& history) {
  std::vector<const BenchmarkHistory*> searched;
  std::map<std::int64_t, const SeriesPoint*> any_point;
  std::map<std::int64_t, std::size_t> counted;
  for (const BenchmarkHistory& b : history.benchmarks) {
    if (!b.not_searched.empty() || (history.machine_corrected && is_calibration(b.name)))
      continue;
    searched.push_back(&b);
    for (const SeriesPoint& point : b.points) {
      any_point.emplace(point.run_id, &point);
      ++counted[point.run_id];
    }
  }
  if (searched.size() < kCommonLevelMinimum)
    return;
  // Runs with too few benchmarks to tell the machine from one of them have no common level.
  const auto factor = levels_of(
      searched, [](const SeriesPoint& p) { return p.own; }, kCommonLevelMinimum);
  BenchmarkHistory common;
  common.name = kCommonLevelName;
  common.policy = history.benchmarks.front().policy;
  common.common_level = true;
  for (const auto& [run, level] : factor) {
    SeriesPoint point;
    point.run_id = run;
    point.started_at = any_point.at(run)->started_at;
    point.commit = any_point.at(run)->commit;
    point.median = point.own = point.level = level;
    point.interval = {point.median, point.median};
    point.processes = counted.at(run);
    common.points.push_back(point);
  }
  for (BenchmarkHistory& b : history.benchmarks) {
    for (SeriesPoint& point : b.points) {
      const auto found = factor.find(point.run_id);
      point.level = point.own / (found == factor.end() ? 1.0 : found->second);
    }
  }
  history.benchmarks.push_back(std::move(common));
  history.relative = true;
}

}  // namespace benchctl::analysis
