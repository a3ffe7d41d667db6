// The Wilcoxon signed-rank test of paired differences, with the Hodges-Lehmann estimate of their
// centre and its confidence interval from the same distribution (the interval a test at that
// level would not reject), so that the estimate, the interval and the p-value always agree.
//
// Exact for up to kExactPairs pairs without ties or zeros (the distribution of the rank sum by
// counting); beyond, or with ties or zeros, the normal approximation with tie correction and
// without continuity correction, as scipy.stats.wilcoxon computes it by default (zeros dropped).
#pragma once

#include <vector>

#include "stats/bootstrap.h"

namespace benchctl::stats {

constexpr std::size_t kExactPairs = 50;

struct SignedRankResult {
  double statistic = 0;  // the smaller of the positive and negative rank sums (scipy's)
  double p_value = 1;    // two-sided
  double estimate = 0;   // Hodges-Lehmann: the median of the Walsh averages
  Interval interval;     // of the centre, at the requested confidence
  bool exact = false;
};

// Throws Error for fewer than one difference or a confidence outside (0, 1).
SignedRankResult signed_rank(const std::vector<double>& differences, double confidence);

}  // namespace benchctl::stats
