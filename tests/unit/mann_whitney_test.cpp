#include "stats/mann_whitney.h"

#include <gtest/gtest.h>

#include "stats/multiple_testing.h"
#include "util/error.h"

namespace benchctl::stats {
namespace {

// Expected values from scipy 1.10.1 (Debian 12's python3-scipy),
// scipy.stats.mannwhitneyu(a, b, alternative='two-sided') with its default method ('auto':
// exact without ties when either sample has at most 8 values, else asymptotic with continuity
// and tie correction). The comment above each case is the call.
struct Reference {
  const char* name;
  std::vector<double> a, b;
  double statistic, p_value;
  bool exact;
};

const Reference kReferences[] = {
    // mannwhitneyu([1,2,3,4,5], [6,7,8,9,10]) -> U=0.0, p=0.007936507936507936
    {"separated", {1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, 0.0, 0.007936507936507936, true},
    // mannwhitneyu([1.1,2.3,3.2,4.8,5.5], [1.5,2.9,3.1,6.0,7.2]) -> U=10.0, p=0.6904761904761905
    {"interleaved",
     {1.1, 2.3, 3.2, 4.8, 5.5},
     {1.5, 2.9, 3.1, 6.0, 7.2},
     10.0,
     0.6904761904761905,
     true},
    // mannwhitneyu([10.2,11.5,9.8], [12.1,13.4,12.9,14.0]) -> U=0.0, p=0.05714285714285714
    {"unequal sizes", {10.2, 11.5, 9.8}, {12.1, 13.4, 12.9, 14.0}, 0.0, 0.05714285714285714, true},
    // mannwhitneyu([1,2,2,3,3,3,4], [3,4,4,5,5,6]) -> U=3.5, p=0.012999854364387305
    {"ties", {1, 2, 2, 3, 3, 3, 4}, {3, 4, 4, 5, 5, 6}, 3.5, 0.012999854364387305, false},
    // a = np.round(np.linspace(1, 2, 12), 4); b = np.round(np.linspace(1.5, 2.5, 10), 4)
    // mannwhitneyu(a, b) -> U=18.0, p=0.006211000298815913
    {"large",
     {1.0, 1.0909, 1.1818, 1.2727, 1.3636, 1.4545, 1.5455, 1.6364, 1.7273, 1.8182, 1.9091, 2.0},
     {1.5, 1.6111, 1.7222, 1.8333, 1.9444, 2.0556, 2.1667, 2.2778, 2.3889, 2.5},
     18.0,
     0.006211000298815913,
     false},
    // mannwhitneyu([5,5,5], [5,5,5]) -> U=4.5, p=1.0
    {"all tied", {5, 5, 5}, {5, 5, 5}, 4.5, 1.0, false},
};

TEST(MannWhitney, MatchesScipy) {
  for (const Reference& r : kReferences) {
    const MannWhitneyResult result = mann_whitney_u(r.a, r.b);
    EXPECT_DOUBLE_EQ(result.u, r.statistic) << r.name;
    EXPECT_NEAR(result.p_value, r.p_value, 1e-12) << r.name;
    EXPECT_EQ(result.exact, r.exact) << r.name;
  }
}

TEST(MannWhitney, IsSymmetricInItsSamples) {
  const MannWhitneyResult forward = mann_whitney_u({1, 2, 3}, {2.5, 4, 5, 6});
  const MannWhitneyResult backward = mann_whitney_u({2.5, 4, 5, 6}, {1, 2, 3});
  EXPECT_DOUBLE_EQ(forward.p_value, backward.p_value);
  EXPECT_DOUBLE_EQ(forward.u + backward.u, 12.0);
}

TEST(MannWhitney, SmallestReachablePValue) {
  // 2 / C(10, 5) = 2 / 252: five processes a side can reach alpha 0.01, three cannot (2 / 20).
  EXPECT_NEAR(mann_whitney_min_p_value(5, 5), 2.0 / 252.0, 1e-15);
  EXPECT_NEAR(mann_whitney_min_p_value(3, 3), 0.1, 1e-15);
}

TEST(MannWhitney, EmptySamplesAreErrors) {
  EXPECT_THROW(mann_whitney_u({}, {1.0}), Error);
}

TEST(BenjaminiHochberg, AdjustsInTheInputOrder) {
  // By hand, after Benjamini & Hochberg (1995): sorted 0.005 0.01 0.03 0.04 with m = 4 give
  // 0.02 0.02 0.04 0.04 (p * m / rank, then the running minimum from the largest rank down).
  const std::vector<double> adjusted = benjamini_hochberg({0.01, 0.04, 0.03, 0.005});
  ASSERT_EQ(adjusted.size(), 4u);
  EXPECT_NEAR(adjusted[0], 0.02, 1e-15);
  EXPECT_NEAR(adjusted[1], 0.04, 1e-15);
  EXPECT_NEAR(adjusted[2], 0.04, 1e-15);
  EXPECT_NEAR(adjusted[3], 0.02, 1e-15);
  EXPECT_DOUBLE_EQ(benjamini_hochberg({0.9, 0.8})[0], 0.9);
  EXPECT_TRUE(benjamini_hochberg({}).empty());
}

}  // namespace
}  // namespace benchctl::stats
