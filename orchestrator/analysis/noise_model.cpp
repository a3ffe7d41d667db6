#include "analysis/noise_model.h"

#include <algorithm>
#include <cmath>

#include "stats/common_move.h"
#include "stats/summary.h"

namespace benchctl::analysis {
namespace {

const stats::RunNoise kDefault{kDefaultRunSpread * kDefaultRunSpread, kDefaultWeight};

// Whether a stored result was measured the way `settings` measures, so that its spread from run
// to run says something about this one's.
bool comparable(const store::ResultSettings& stored, const store::ResultSettings& settings) {
  const store::Settings& a = stored.measure;
  const store::Settings& b = settings.measure;
  return a.repetitions == b.repetitions && a.min_time == b.min_time && a.warmup == b.warmup &&
         a.runs == b.runs && stored.command == settings.command &&
         stored.policy.cpu_time == settings.policy.cpu_time;
}

}  // namespace

NoiseModel::NoiseModel() : machine_(kDefault), fallback_{kDefault, kDefault, 0} {}

const NoiseEstimate& NoiseModel::estimate(const std::string& benchmark) const {
  const auto found = benchmarks_.find(benchmark);
  return found == benchmarks_.end() ? fallback_ : found->second;
}

namespace {

// Each benchmark's own series, in run order (the store returns it so), with its runs, and how many
// of its runs lie between the compared ones.
struct BenchmarkSeries {
  std::map<std::string, std::vector<stats::RunFigures>> figures;
  std::map<std::string, std::vector<std::int64_t>> runs;
  std::map<std::string, std::size_t> between;
};

BenchmarkSeries benchmark_series(const std::vector<store::HistoryPoint>& history,
                                 const std::vector<store::RunRecord>& current, std::int64_t earlier,
                                 std::int64_t later) {
  std::map<std::string, const store::ResultRecord*> measured;  // newest run's settings win
  for (const store::RunRecord& run : current) {
    for (const store::ResultRecord& result : run.results) {
      if (result.status == store::ResultStatus::ok && result.kind != store::ResultKind::file_size)
        measured[result.name] = &result;
    }
  }
  BenchmarkSeries series;
  for (const store::HistoryPoint& point : history) {
    const auto found = measured.find(point.name);
    if (found == measured.end() || !comparable(point.settings, found->second->settings))
      continue;
    const bool cpu = found->second->settings.policy.cpu_time;
    const std::vector<double>& figures = cpu ? point.cpu_medians : point.real_medians;
    if (!figures.empty() &&
        std::all_of(figures.begin(), figures.end(), [](double v) { return v > 0; })) {
      series.figures[point.name].push_back(figures);
      series.runs[point.name].push_back(point.run_id);
      series.between[point.name] += point.run_id > earlier && point.run_id < later ? 1 : 0;
    }
  }
  return series;
}

// The common level of each history run: the median over its benchmarks of their level less their
// usual (median) level, where at least half of the benchmarks were measured.
struct CommonLevels {
  std::map<std::int64_t, double> of_run;
  std::vector<double> in_order;
  std::size_t between = 0;  // runs between the compared ones
};

CommonLevels common_levels(const BenchmarkSeries& series, std::int64_t earlier,
                           std::int64_t later) {
  std::map<std::int64_t, std::vector<double>> offsets;
  for (const auto& [name, runs] : series.figures) {
    std::vector<double> levels;
    for (const stats::RunFigures& figures : runs)
      levels.push_back(stats::run_level(figures));
    const double usual = stats::median(levels);
    for (std::size_t i = 0; i < runs.size(); ++i)
      offsets[series.runs.at(name)[i]].push_back(levels[i] - usual);
  }
  CommonLevels common;
  for (auto& [run, run_offsets] : offsets) {  // in run order
    if (2 * run_offsets.size() < series.figures.size())
      continue;
    common.of_run[run] = stats::median(std::move(run_offsets));
    common.in_order.push_back(common.of_run[run]);
    common.between += run > earlier && run < later ? 1 : 0;
  }
  return common;
}

}  // namespace

NoiseModel NoiseModel::from_history(const std::vector<store::HistoryPoint>& history,
                                    const std::vector<store::RunRecord>& current,
                                    std::int64_t baseline_run, std::int64_t current_run) {
  const auto [earlier, later] = std::minmax(baseline_run, current_run);
  BenchmarkSeries benchmarks = benchmark_series(history, current, earlier, later);
  auto& series = benchmarks.figures;
  auto& series_runs = benchmarks.runs;
  auto& between = benchmarks.between;
  const CommonLevels common = common_levels(benchmarks, earlier, later);
  const std::map<std::int64_t, double>& common_level = common.of_run;
  const std::vector<double>& common_series = common.in_order;
  const std::size_t common_between = common.between;

  NoiseModel model;
  model.common_moves_ = stats::level_differences(common_series, common_between + 1);
  // Differences `shortest` apart and more overlap: about (runs - 1) / shortest are independent.
  const double shortest = static_cast<double>((common_between + 2) / 2);
  model.independent_common_moves_ =
      common_series.empty() ? 0 : static_cast<double>(common_series.size() - 1) / shortest;
  model.quiet_common_ =
      stats::quiet_move_noise(model.common_moves_, model.independent_common_moves_);
  std::map<std::string, stats::RunNoise> own, relative;
  // The default is worth kDefaultWeight runs of the machine's total noise; its noise relative to
  // the suite is its benchmarks' alone, the default only where it has none.
  std::vector<stats::RunNoise> machine_parts = {kDefault}, relative_parts;
  for (auto& [name, runs] : series) {
    std::vector<stats::RunFigures> to_suite;  // each run's figures relative to its common level
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto level = common_level.find(series_runs[name][i]);
      if (level == common_level.end())
        continue;
      stats::RunFigures scaled = runs[i];
      for (double& figure : scaled)
        figure /= std::exp(level->second);
      to_suite.push_back(std::move(scaled));
    }
    if (runs.size() > kHistoryRuns)
      runs.erase(runs.begin(), runs.end() - static_cast<std::ptrdiff_t>(kHistoryRuns));
    if (to_suite.size() > kHistoryRuns)
      to_suite.erase(to_suite.begin(), to_suite.end() - static_cast<std::ptrdiff_t>(kHistoryRuns));
    own[name] = stats::estimate_run_noise(runs, between[name] + 1);
    relative[name] = stats::estimate_run_noise(to_suite, between[name] + 1);
    machine_parts.push_back(own[name]);
    relative_parts.push_back(relative[name]);
    model.history_runs_ = std::max(model.history_runs_, static_cast<int>(runs.size()));
  }
  model.machine_ = stats::pool(machine_parts);
  const stats::RunNoise machine_prior{model.machine_.variance, kMachineWeight};
  const stats::RunNoise relative_pool = stats::pool(relative_parts);
  const stats::RunNoise relative_machine{
      relative_pool.df > 0 ? relative_pool.variance : kDefault.variance, kMachineWeight};
  model.fallback_ = {machine_prior, relative_machine, 0};
  for (const auto& [name, estimate] : own) {
    model.benchmarks_[name] = {stats::pool({machine_prior, estimate}),
                               stats::pool({relative_machine, relative[name]}),
                               static_cast<int>(series[name].size())};
  }
  return model;
}

}  // namespace benchctl::analysis
