#include "analysis/calibration.h"

#include <cmath>

#include "analysis/metrics.h"
#include "stats/summary.h"

namespace benchctl::analysis {
namespace {

// The per-process median times of `name` in each of the last `count` runs that measured it.
std::vector<stats::RunFigures> last_figures(const std::vector<store::RunRecord>& runs,
                                            const store::ResultRecord& newest, std::size_t count) {
  std::vector<stats::RunFigures> figures;
  for (auto run = runs.rbegin(); run != runs.rend() && figures.size() < count; ++run) {
    for (const store::ResultRecord& result : run->results) {
      if (result.name != newest.name || result.status != store::ResultStatus::ok)
        continue;
      stats::RunFigures medians;
      for (const auto& times : times_by_process(result, newest.settings.policy.cpu_time))
        medians.push_back(stats::median(times));
      if (!medians.empty())
        figures.push_back(std::move(medians));
    }
  }
  return figures;
}

}  // namespace

Calibration calibrate(const std::vector<store::RunRecord>& runs, const NoiseModel& noise) {
  Calibration calibration;
  calibration.machine_spread = std::sqrt(noise.machine().variance);
  for (const store::ResultRecord& result : runs.back().results) {
    if (result.status != store::ResultStatus::ok || result.kind == store::ResultKind::file_size)
      continue;
    const auto one = last_figures(runs, result, 1);
    if (one.empty())
      continue;
    const NoiseEstimate& estimate = noise.estimate(result.name);
    const stats::Policy& policy = result.settings.policy;
    CalibrationRow& row = calibration.rows.emplace_back();
    row.name = result.name;
    row.history_runs = estimate.history_runs;
    row.run_spread = std::sqrt(estimate.prior.variance);
    const stats::SampleComparison single = stats::compare_samples(one, one, estimate.prior, policy);
    row.process_spread = single.process_sd;
    row.detectable_one_run = single.minimum_detectable;
    if (const auto three = last_figures(runs, result, 3); three.size() == 3) {
      row.detectable_three_runs =
          stats::compare_samples(three, three, estimate.prior, policy).minimum_detectable;
    }
  }
  return calibration;
}

}  // namespace benchctl::analysis
