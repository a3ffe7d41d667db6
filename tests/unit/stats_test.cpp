#include "stats/summary.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace benchctl::stats {
namespace {

// Expected values from numpy 1.24 (Debian 12's python3-numpy):
//   a = [3.1, 1.2, 9.7, 4.4, 5.0, 2.2, 8.8]
//   np.percentile(a, [0, 50, 90, 95, 99, 100]) -> 1.2, 4.4, 9.16, 9.43, 9.646, 9.7
//   np.std(a, ddof=1) -> 3.233382424762327;  np.mean(a) -> 4.914285714285714
//   np.percentile([10.0, 20.0], 95) -> 19.5
const std::vector<double> kSample = {3.1, 1.2, 9.7, 4.4, 5.0, 2.2, 8.8};

TEST(Stats, PercentilesMatchNumpyLinearInterpolation) {
  EXPECT_DOUBLE_EQ(percentile(kSample, 0), 1.2);
  EXPECT_DOUBLE_EQ(percentile(kSample, 50), 4.4);
  EXPECT_NEAR(percentile(kSample, 90), 9.16, 1e-12);
  EXPECT_NEAR(percentile(kSample, 95), 9.43, 1e-12);
  EXPECT_NEAR(percentile(kSample, 99), 9.646, 1e-12);
  EXPECT_DOUBLE_EQ(percentile(kSample, 100), 9.7);
  EXPECT_DOUBLE_EQ(percentile({10.0, 20.0}, 95), 19.5);
  EXPECT_DOUBLE_EQ(percentile({42.0}, 99), 42.0);
}

TEST(Stats, MeanAndSampleStandardDeviationMatchNumpy) {
  EXPECT_NEAR(mean(kSample), 4.914285714285714, 1e-12);
  EXPECT_NEAR(stddev(kSample), 3.233382424762327, 1e-12);
  EXPECT_EQ(stddev({5.0}), 0);
}

TEST(Stats, DescribeGathersEverything) {
  const Distribution d = describe(kSample);
  EXPECT_EQ(d.count, 7u);
  EXPECT_DOUBLE_EQ(d.min, 1.2);
  EXPECT_DOUBLE_EQ(d.max, 9.7);
  EXPECT_DOUBLE_EQ(d.median, 4.4);
  EXPECT_NEAR(d.cv, 3.233382424762327 / 4.914285714285714, 1e-12);
}

TEST(Stats, EmptySamplesAndBadPercentilesAreErrors) {
  EXPECT_THROW(percentile({}, 50), Error);
  EXPECT_THROW(describe({}), Error);
  EXPECT_THROW(percentile(kSample, 101), Error);
  EXPECT_THROW(percentile(kSample, -1), Error);
}

}  // namespace
}  // namespace benchctl::stats
