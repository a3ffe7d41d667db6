// The geometric mean of a comparison's ratios (analysis/geometric_mean.h), by hand.
#include "analysis/geometric_mean.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/comparison.h"

namespace benchctl::analysis {
namespace {

BenchmarkComparison timed(const std::string& name, double ratio, double low, double high) {
  BenchmarkComparison c;
  c.name = name;
  c.result.ratio = ratio;
  c.result.interval = {low, high};
  return c;
}

TEST(GeometricMean, OfTheRatiosAndOfTheIntervalEndsOverallAndPerPlugin) {
  std::vector<BenchmarkComparison> benchmarks = {
      timed("kernel/a", 1.10, 1.05, 1.15), timed("kernel/b", 1.20, 1.10, 1.30),
      timed("tools/c", 0.90, 0.80, 1.00), timed("tools/d", 1.00, 0.95, 1.05),
      timed("memory/alone", 2.00, 1.90, 2.10)};
  benchmarks.push_back(timed("startup/version", 1.05, 1.00, 1.10));
  benchmarks.back().kind = store::ResultKind::command;
  BenchmarkComparison size = timed("binary/size", 3.0, 3.0, 3.0);
  size.unit = "size";
  benchmarks.push_back(size);
  BenchmarkComparison missing = timed("tools/gone", 5.0, 5.0, 5.0);
  missing.standing = Standing::only_in_baseline;
  benchmarks.push_back(missing);

  const std::vector<GeometricMean> means = geometric_means(benchmarks);
  ASSERT_EQ(means.size(), 3u) << "overall, kernel, tools (memory has one benchmark)";
  EXPECT_EQ(means[0].plugin, "");
  EXPECT_EQ(means[0].benchmarks, 6) << "timed benchmarks and commands; not sizes, not missing";
  EXPECT_NEAR(means[0].ratio, std::pow(1.10 * 1.20 * 0.90 * 1.00 * 2.00 * 1.05, 1.0 / 6), 1e-12);
  EXPECT_NEAR(means[0].interval.low, std::pow(1.05 * 1.10 * 0.80 * 0.95 * 1.90 * 1.00, 1.0 / 6),
              1e-12);
  EXPECT_NEAR(means[0].interval.high, std::pow(1.15 * 1.30 * 1.00 * 1.05 * 2.10 * 1.10, 1.0 / 6),
              1e-12);
  EXPECT_EQ(means[1].plugin, "kernel");
  EXPECT_NEAR(means[1].ratio, std::sqrt(1.10 * 1.20), 1e-12);
  EXPECT_EQ(means[2].plugin, "tools");
  EXPECT_NEAR(means[2].ratio, std::sqrt(0.90 * 1.00), 1e-12);
}

TEST(GeometricMean, TakesThePairsReadingWhereTheyMeasured) {
  std::vector<BenchmarkComparison> benchmarks = {timed("kernel/a", 1.30, 0.90, 1.60),
                                                 timed("kernel/b", 1.00, 0.99, 1.01)};
  PairedReading& reading = benchmarks[0].paired.emplace();
  reading.paired.ratio = 1.02;
  reading.paired.interval = {1.01, 1.03};
  EXPECT_NEAR(geometric_means(benchmarks).at(0).ratio, std::sqrt(1.02), 1e-12);
  reading.missing = "the A/B failed in baseline";
  EXPECT_NEAR(geometric_means(benchmarks).at(0).ratio, std::sqrt(1.30), 1e-12);
  benchmarks.pop_back();
  EXPECT_TRUE(geometric_means(benchmarks).empty()) << "one benchmark has no mean of its own";
}

}  // namespace
}  // namespace benchctl::analysis
