#include "analysis/noise_model.h"

#include <algorithm>

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

NoiseModel::NoiseModel() : machine_(kDefault), fallback_{kDefault, 0} {}

const NoiseEstimate& NoiseModel::estimate(const std::string& benchmark) const {
  const auto found = benchmarks_.find(benchmark);
  return found == benchmarks_.end() ? fallback_ : found->second;
}

NoiseModel NoiseModel::from_history(const std::vector<store::HistoryPoint>& history,
                                    const std::vector<store::RunRecord>& current,
                                    std::int64_t baseline_run, std::int64_t current_run) {
  std::map<std::string, const store::ResultRecord*> measured;  // newest run's settings win
  for (const store::RunRecord& run : current) {
    for (const store::ResultRecord& result : run.results) {
      if (result.status == store::ResultStatus::ok && result.kind != store::ResultKind::file_size)
        measured[result.name] = &result;
    }
  }

  // Each benchmark's own series, in run order (the store returns it so), newest kHistoryRuns, and
  // how many of its runs lie between the compared ones.
  std::map<std::string, std::vector<stats::RunFigures>> series;
  std::map<std::string, std::size_t> between;
  const auto [earlier, later] = std::minmax(baseline_run, current_run);
  for (const store::HistoryPoint& point : history) {
    const auto found = measured.find(point.name);
    if (found == measured.end() || !comparable(point.settings, found->second->settings))
      continue;
    const bool cpu = found->second->settings.policy.cpu_time;
    const std::vector<double>& figures = cpu ? point.cpu_medians : point.real_medians;
    if (!figures.empty() &&
        std::all_of(figures.begin(), figures.end(), [](double v) { return v > 0; })) {
      series[point.name].push_back(figures);
      between[point.name] += point.run_id > earlier && point.run_id < later ? 1 : 0;
    }
  }

  NoiseModel model;
  std::map<std::string, stats::RunNoise> own;
  std::vector<stats::RunNoise> machine_parts = {kDefault};
  for (auto& [name, runs] : series) {
    if (runs.size() > kHistoryRuns)
      runs.erase(runs.begin(), runs.end() - static_cast<std::ptrdiff_t>(kHistoryRuns));
    own[name] = stats::estimate_run_noise(runs, between[name] + 1);
    machine_parts.push_back(own[name]);
    model.history_runs_ = std::max(model.history_runs_, static_cast<int>(runs.size()));
  }
  model.machine_ = stats::pool(machine_parts);
  const stats::RunNoise machine_prior{model.machine_.variance, kMachineWeight};
  model.fallback_ = {machine_prior, 0};
  for (const auto& [name, estimate] : own) {
    model.benchmarks_[name] = {stats::pool({machine_prior, estimate}),
                               static_cast<int>(series[name].size())};
  }
  return model;
}

}  // namespace benchctl::analysis
