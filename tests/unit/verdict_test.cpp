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

Verdict verdict_of(const std::vector<double>& after, const Policy& policy = {}) {
  SampleComparison c = compare_samples(kBefore, after, policy);
  std::vector<SampleComparison*> all{&c};
  decide(all, {policy});
  return c.verdict;
}

TEST(Verdict, ClearlySeparatedSamplesFollowThePolicyThresholds) {
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.30)), Verdict::regression);
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.07)), Verdict::slower);
  EXPECT_EQ(verdict_of(scaled(kBefore, 0.80)), Verdict::improved);
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.03)), Verdict::no_change) << "significant but under 5%";
  EXPECT_EQ(verdict_of(kBefore), Verdict::no_change);
}

TEST(Verdict, ThresholdsComeFromThePolicy) {
  Policy strict;
  strict.warn = 0.02;
  strict.fail = 0.025;
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.03), strict), Verdict::regression);
}

TEST(Verdict, OverlappingSamplesAreNoChangeEvenWhenTheMedianMoved) {
  // The medians differ by 20%, but the processes overlap: p is far from 0.01.
  EXPECT_EQ(verdict_of({80.0, 140.0, 95.0, 150.0, 120.0}), Verdict::no_change);
}

TEST(Verdict, TooFewProcessesCannotBeSignificant) {
  SampleComparison c = compare_samples({100, 101, 102}, {200, 201, 202}, Policy{});
  EXPECT_FALSE(c.testable);
  std::vector<SampleComparison*> all{&c};
  decide(all, {Policy{}});
  EXPECT_EQ(c.verdict, Verdict::no_change);
  EXPECT_DOUBLE_EQ(c.ratio, 201.0 / 101.0);
}

TEST(Verdict, TheIntervalMustClearTheNoiseFloor) {
  Policy wide_floor;
  wide_floor.noise_floor = 0.5;
  EXPECT_EQ(verdict_of(scaled(kBefore, 1.30), wide_floor), Verdict::no_change);
}

TEST(Verdict, ManyComparisonsAreCorrectedTogether) {
  // Each alone: p = 2/252 = 0.0079 < 0.01. Corrected over 2 with a null: 0.0159 > 0.01.
  SampleComparison moved = compare_samples(kBefore, scaled(kBefore, 1.3), Policy{});
  SampleComparison unmoved = compare_samples(kBefore, {100.2, 100.9, 99.7, 100.1, 100.6}, Policy{});
  std::vector<SampleComparison*> all{&moved, &unmoved};
  decide(all, {Policy{}, Policy{}});
  EXPECT_NEAR(moved.adjusted_p_value, 2 * 2.0 / 252.0, 1e-12);
  EXPECT_EQ(moved.verdict, Verdict::no_change);
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
