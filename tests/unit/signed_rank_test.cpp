// The Wilcoxon signed-rank test against scipy.stats.wilcoxon (scipy 1.10, default arguments) and
// the Hodges-Lehmann interval on synthetic pairs.
#include "stats/signed_rank.h"

#include <gtest/gtest.h>

#include <random>

#include "util/error.h"

namespace benchctl::stats {
namespace {

TEST(SignedRank, MatchesScipyExactly) {
  const SignedRankResult small = signed_rank({0.3, -0.1, 0.5, 0.2, 0.4, -0.05, 0.6}, 0.95);
  EXPECT_TRUE(small.exact);
  EXPECT_DOUBLE_EQ(small.statistic, 3.0);
  EXPECT_DOUBLE_EQ(small.p_value, 0.078125);
  // Hodges-Lehmann: the median of the 28 Walsh averages; P(W+ <= 2) = 3/128 <= 0.025 < P(W+ <= 3),
  // so the 95% interval drops the 2 smallest and 2 largest averages.
  EXPECT_DOUBLE_EQ(small.estimate, 0.2625);
  EXPECT_DOUBLE_EQ(small.interval.low, -0.05);
  EXPECT_DOUBLE_EQ(small.interval.high, 0.5);

  const SignedRankResult negative =
      signed_rank({-1.2, -0.8, -0.3, -2.0, 0.1, -0.5, -0.9, -1.1, -0.4}, 0.95);
  EXPECT_DOUBLE_EQ(negative.statistic, 1.0);
  EXPECT_DOUBLE_EQ(negative.p_value, 0.0078125);
  EXPECT_LT(negative.interval.high, 0);
}

TEST(SignedRank, MatchesScipyWithTiesZerosAndManyPairs) {
  const SignedRankResult ties = signed_rank({1, 2, 2, -3, 4, 4, 4, 5, -1, 0}, 0.95);
  EXPECT_FALSE(ties.exact);
  EXPECT_DOUBLE_EQ(ties.statistic, 6.5);
  EXPECT_NEAR(ties.p_value, 0.05670572280075483, 1e-12);

  const std::vector<double> many = {
      -0.020097, -0.046218, 0.007582,  0.041022,  0.076802,  0.025485,  -0.007632, -0.019239,
      0.057437,  0.101739,  0.033638,  -0.041666, -0.027913, 0.100001,  0.030144,  -0.066607,
      0.015815,  -0.038161, -0.011464, -0.0044,   -0.015666, 0.047669,  0.016846,  -0.009472,
      0.040482,  0.061493,  -0.062151, 0.007163,  -0.029037, 0.011342,  -0.044471, 0.021035,
      0.018106,  0.004783,  -0.032396, 0.00019,   -0.034566, -0.04776,  0.031239,  -0.035467,
      0.078515,  0.055829,  -0.079891, 0.033606,  -0.035086, 0.021653,  0.022182,  -0.079421,
      0.008329,  0.00721,   0.0681,    -0.039072, 0.056902,  -0.034949, 0.003435,  -0.022024,
      0.092437,  0.048411,  0.141587,  0.052096};
  const SignedRankResult large = signed_rank(many, 0.95);
  EXPECT_FALSE(large.exact) << "60 pairs: the normal approximation";
  EXPECT_DOUBLE_EQ(large.statistic, 755.0);
  EXPECT_NEAR(large.p_value, 0.23885382738964556, 1e-12);
}

TEST(SignedRank, EqualPairsAreNoEvidence) {
  const SignedRankResult zeros = signed_rank({0, 0, 0, 0}, 0.95);
  EXPECT_EQ(zeros.p_value, 1.0);
  EXPECT_EQ(zeros.estimate, 0.0);
  EXPECT_EQ(zeros.interval.low, 0.0);
  EXPECT_EQ(zeros.interval.high, 0.0);
  EXPECT_THROW(signed_rank({}, 0.95), Error);
  EXPECT_THROW(signed_rank({1.0}, 1.0), Error);
}

TEST(SignedRank, TheIntervalCoversTheCentre) {
  std::mt19937_64 random(42);
  std::normal_distribution<double> noise(0.02, 0.05);
  int covered = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    std::vector<double> pairs(12);
    for (double& d : pairs)
      d = noise(random);
    const Interval interval = signed_rank(pairs, 0.95).interval;
    covered += interval.low <= 0.02 && 0.02 <= interval.high;
  }
  EXPECT_GE(covered, 940);
}

}  // namespace
}  // namespace benchctl::stats
