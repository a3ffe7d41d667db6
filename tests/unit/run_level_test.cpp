// The run-level model (stats/run_level.h) on synthetic runs with a known run-to-run component:
// log figure = log(truth) + run effect (sd 5%) + process effect (sd 3%), 10 processes a run.
#include "stats/run_level.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "util/error.h"

namespace benchctl::stats {
namespace {

constexpr double kRunSd = 0.05;
constexpr double kProcessSd = 0.03;
constexpr int kProcesses = 10;
constexpr int kTrials = 1000;

class Machine {
 public:
  explicit Machine(std::uint64_t seed) : random_(seed) {}

  // One run of a benchmark whose true figure is `truth`.
  RunFigures run(double truth, double run_sd = kRunSd) {
    const double run_effect = normal_(random_) * run_sd;
    RunFigures figures;
    for (int p = 0; p < kProcesses; ++p)
      figures.push_back(truth * std::exp(run_effect + normal_(random_) * kProcessSd));
    return figures;
  }

  std::vector<RunFigures> runs(int count, double truth, double run_sd = kRunSd) {
    std::vector<RunFigures> series;
    for (int i = 0; i < count; ++i)
      series.push_back(run(truth, run_sd));
    return series;
  }

 private:
  std::mt19937_64 random_;
  std::normal_distribution<double> normal_;
};

bool covers(const RunLevelComparison& c, double truth) {
  return c.interval.low <= truth && truth <= c.interval.high;
}

TEST(RunLevel, OneRunASideWithAHistoryCoversTheTruth) {
  Machine machine(20261126);
  int covered = 0, covered_by_processes_alone = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const RunNoise history = estimate_run_noise(machine.runs(30, 1e-3));
    const RunFigures before = machine.run(1e-3);
    const RunFigures after = machine.run(1.07e-3);
    covered += covers(compare_run_levels({before}, {after}, history, 0.95, 0.01), 1.07);
    // What a test on the processes alone claims (the model before run-level noise): as if runs
    // did not drift at all.
    covered_by_processes_alone +=
        covers(compare_run_levels({before}, {after}, {0, 1e9}, 0.95, 0.01), 1.07);
  }
  EXPECT_GE(covered, 930) << "the 95% interval covers the true ratio in at least 93% of trials";
  // The process-only interval is far too narrow when runs drift: it covers the truth in fewer
  // than half the trials (38% with this seed, against 95% above), which is why identical code
  // used to be flagged 5.7% of the time on this machine.
  EXPECT_LT(covered_by_processes_alone, 500);
}

TEST(RunLevel, SeveralRunsASideShowTheirOwnDrift) {
  Machine machine(7);
  int covered = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const auto before = machine.runs(5, 1e-3);
    const auto after = machine.runs(5, 0.95e-3);
    // Nothing known beforehand: the ten runs alone say how far runs drift.
    covered += covers(compare_run_levels(before, after, {}, 0.95, 0.01), 0.95);
  }
  EXPECT_GE(covered, 930);
}

TEST(RunLevel, TheHistoryEstimateFindsTheRunComponent) {
  Machine machine(11);
  double sum = 0;
  for (int trial = 0; trial < 200; ++trial)
    sum += estimate_run_noise(machine.runs(40, 1e-3)).variance;
  EXPECT_NEAR(std::sqrt(sum / 200), kRunSd, 0.005) << "the process component is taken out";
  const RunNoise quiet = estimate_run_noise(machine.runs(40, 1e-3, 0.0));
  EXPECT_LT(std::sqrt(quiet.variance), 0.01) << "no run component: close to none found";
  EXPECT_NEAR(quiet.df, 2.0 * 39 / 3, 1e-9);
  EXPECT_NEAR(estimate_run_noise(machine.runs(40, 1e-3), 10).df, 2.0 * 39 / 5 / 3, 1e-9)
      << "differences 5 to 20 runs apart overlap";
  EXPECT_EQ(estimate_run_noise({machine.run(1e-3)}).df, 0) << "one run tells nothing";
}

TEST(RunLevel, AStepOrAnOddNightBarelyMovesTheHistoryEstimate) {
  Machine machine(13);
  double stepped = 0, odd = 0;
  for (int trial = 0; trial < 200; ++trial) {
    auto series = machine.runs(20, 1e-3);
    const auto later = machine.runs(20, 1.10e-3);  // a real 10% change halfway
    series.insert(series.end(), later.begin(), later.end());
    stepped += estimate_run_noise(series).variance;
    auto night = machine.runs(40, 1e-3);
    for (double& value : night[25])
      value *= 1.15;  // one night 15% slower
    odd += estimate_run_noise(night).variance;
  }
  EXPECT_LT(std::sqrt(stepped / 200), 0.06);
  EXPECT_LT(std::sqrt(odd / 200), 0.06);
}

TEST(RunLevel, RunsFarApartDriftFurtherAndTheEstimateFollowsTheLag) {
  // A machine that drifts slowly (a random walk of 1% a run, pulled back to its mean) beside the
  // run-to-run noise: runs 40 apart differ by more than consecutive runs.
  std::mt19937_64 random(17);
  std::normal_distribution<double> normal;
  auto series_with_drift = [&](int runs) {
    std::vector<RunFigures> series;
    double drift = 0;
    for (int r = 0; r < runs; ++r) {
      drift = 0.95 * drift + 0.01 * normal(random);
      RunFigures figures;
      const double run_effect = drift + 0.02 * normal(random);
      for (int p = 0; p < kProcesses; ++p)
        figures.push_back(1e-3 * std::exp(run_effect + kProcessSd * normal(random)));
      series.push_back(figures);
    }
    return series;
  };
  int covered_at_lag = 0, covered_consecutive = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    auto series = series_with_drift(90);
    // The last run is compared with the one 40 runs before it; the rest is history.
    const RunFigures baseline = series[49];
    const RunFigures current = series[89];
    std::vector<RunFigures> history(series.begin(), series.begin() + 49);
    history.insert(history.end(), series.begin() + 50, series.begin() + 89);
    covered_at_lag += covers(
        compare_run_levels({baseline}, {current}, estimate_run_noise(history, 40), 0.95, 0.01),
        1.0);
    covered_consecutive += covers(
        compare_run_levels({baseline}, {current}, estimate_run_noise(history, 1), 0.95, 0.01), 1.0);
  }
  EXPECT_GE(covered_at_lag, 930);
  // Consecutive runs' drift understates how far runs 40 apart wander: fewer than 90% covered.
  EXPECT_LT(covered_consecutive, 900);
}

TEST(RunLevel, PoolingWeighsByDegreesOfFreedom) {
  const RunNoise pooled = pool({{0.01, 10}, {0.0, 30}, {1.0, 0}});
  EXPECT_DOUBLE_EQ(pooled.df, 40);
  EXPECT_DOUBLE_EQ(pooled.variance, 0.1 / 40);
  EXPECT_EQ(pool({}).variance, 0);
}

TEST(RunLevel, BadInputIsAnError) {
  EXPECT_THROW(compare_run_levels({}, {{1.0}}, {}, 0.95, 0.01), Error);
  EXPECT_THROW(compare_run_levels({{1.0}}, {{}}, {}, 0.95, 0.01), Error);
  EXPECT_THROW(compare_run_levels({{1.0}}, {{-1.0}}, {}, 0.95, 0.01), Error);
  EXPECT_THROW(compare_run_levels({{1.0}}, {{1.0}}, {}, 1.5, 0.01), Error);
}

}  // namespace
}  // namespace benchctl::stats
