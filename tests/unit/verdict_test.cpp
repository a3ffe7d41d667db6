#include "stats/verdict.h"

#include <gtest/gtest.h>

#include "stats/bootstrap.h"
#include "stats/summary.h"

namespace benchctl::stats {
namespace {

std::vector<double> scaled(const std::vector<double>& values, double factor) {
  std::vector<double> out;
  for (double v : values)
    out.push_back(v * factor);
  return out;
}

const std::vector<double> kBefore = {100.0, 101.0, 99.5, 100.4, 100.8};
// A quiet machine: runs of identical code drift 0.5% apart, known from a long history.
const RunNoise kQuiet{0.005 * 0.005, 100};

Verdict verdict_of(const std::vector<double>& after, const Policy& policy = {},
                   const RunNoise& prior = kQuiet) {
  SampleComparison c = compare_samples({kBefore}, {after}, prior, policy);
  std::vector<SampleComparison*> all{&c};
  decide(all, {policy});
  return c.verdict;
}

TEST(Verdict, ClearlySeparatedRunsFollowThePolicyThresholds) {
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.30)), Verdict::regression);
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.07)), Verdict::slower);
  EXPECT_EQ(verdict_of(scaled(kBefore, 0.80)), Verdict::improved);
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.03)), Verdict::no_change)
      << "significant, but the whole interval is within ±5%";
  EXPECT_EQ(verdict_of(kBefore), Verdict::no_change);
}

TEST(Verdict, ThresholdsComeFromThePolicy) {
  Policy strict;
  strict.warn = 0.02;
  strict.fail = 0.025;
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.03), strict), Verdict::regression);
}

TEST(Verdict, WhatTheDataCannotDecideIsInconclusive) {
  // The medians differ by 20%, but the processes spread so widely that neither a change nor its
  // absence can be shown.
  EXPECT_EQ(verdict_of({80.0, 140.0, 95.0, 150.0, 120.0}), Verdict::inconclusive);
  // One run a side on a machine known to drift 8% from run to run: a 10% change is within reach
  // of the drift alone.
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.10), {}, {0.08 * 0.08, 50}), Verdict::inconclusive);
}

TEST(Verdict, SeveralRunsASideShowTheirOwnDrift) {
  // Three runs a side that drift 6% apart among themselves: a prior claiming 0.5% is outweighed
  // by what the sides show once it carries little weight.
  const std::vector<RunFigures> before = {kBefore, scaled(kBefore, 1.06), scaled(kBefore, 0.94)};
  const std::vector<RunFigures> after = {scaled(kBefore, 1.07), scaled(kBefore, 1.01),
                                         scaled(kBefore, 1.12)};
  const SampleComparison c = compare_samples(before, after, {0.005 * 0.005, 1}, Policy{});
  EXPECT_EQ(c.before_runs, 3u);
  EXPECT_EQ(c.after_count, 15u);
  EXPECT_GT(c.run_sd, 0.04);
  EXPECT_LT(c.interval.low, 1.0) << "a 6.6% difference of means is within the drift";
}

TEST(Verdict, TheIntervalMustClearTheNoiseFloor) {
  Policy wide_floor;
  wide_floor.noise_floor = 0.5;
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.30), wide_floor), Verdict::inconclusive);
}

TEST(Verdict, ManyComparisonsAreCorrectedTogether) {
  // Alone, p = 0.008 < 0.01; corrected over two with a null (p = 0.5): 0.016 > 0.01.
  SampleComparison moved, unmoved;
  moved.ratio = 1.2;
  moved.interval = {1.1, 1.3};
  moved.p_value = 0.008;
  unmoved.interval = {0.9, 1.1};
  unmoved.p_value = 0.5;
  std::vector<SampleComparison*> alone{&moved};
  decide(alone, {Policy{}});
  EXPECT_EQ(moved.verdict, Verdict::regression);
  std::vector<SampleComparison*> both{&moved, &unmoved};
  decide(both, {Policy{}, Policy{}});
  EXPECT_NEAR(moved.adjusted_p_value, 0.016, 1e-12);
  EXPECT_EQ(moved.verdict, Verdict::inconclusive);
}

TEST(Verdict, FiguresThatRepeatExactlyHaveAPointInterval) {
  const std::vector<double> counts = {1000, 1000, 1000};
  SampleComparison same = compare_samples({counts}, {counts}, {}, Policy{});
  EXPECT_EQ(same.p_value, 1.0);
  EXPECT_EQ(same.interval.low, 1.0);
  SampleComparison more = compare_samples({counts}, {scaled(counts, 1.02)}, {}, Policy{});
  EXPECT_EQ(more.p_value, 0.0);
  EXPECT_DOUBLE_EQ(more.interval.high, 1.02);
}

TEST(Bootstrap, IsDeterministicAndBracketsTheRatio) {
  const auto after = scaled(kBefore, 1.2);
  const Interval first = bootstrap_ratio_of_medians(kBefore, after, 0.95);
  const Interval second = bootstrap_ratio_of_medians(kBefore, after, 0.95);
  EXPECT_EQ(first.low, second.low);
  EXPECT_EQ(first.high, second.high);
  EXPECT_LE(first.low, 1.2);
  EXPECT_GE(first.high, 1.2);
  EXPECT_GT(first.low, 1.1);
}

TEST(Bootstrap, PooledStatisticIntervalContainsTheEstimate) {
  const std::vector<std::vector<double>> groups = {{1, 2, 3}, {2, 3, 4}, {10, 11, 12}};
  const Interval interval = bootstrap_pooled_statistic(
      groups, [](std::vector<double> v) { return percentile(std::move(v), 95); }, 0.95);
  EXPECT_LE(interval.low, interval.high);
  EXPECT_GE(interval.high, 11.0);
}

TEST(Summary, CountsTukeyOutliers) {
  EXPECT_EQ(tukey_outliers({1, 2, 3, 4, 5, 100}), 1u);
  EXPECT_EQ(tukey_outliers({1, 2, 3, 4, 5}), 0u);
}

}  // namespace
}  // namespace benchctl::stats
