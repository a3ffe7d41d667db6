// The two-sided Mann-Whitney U test, as scipy.stats.mannwhitneyu computes it with its default
// method: the exact distribution of U when there are no ties and either sample has at most 8
// values; otherwise the normal approximation with tie correction and continuity correction.
#pragma once

#include <vector>

namespace benchctl::stats {

struct MannWhitneyResult {
  double u = 0;        // U of the first sample (scipy's statistic)
  double p_value = 1;  // two-sided
  bool exact = false;  // the exact distribution was used
};

// Throws Error when either sample is empty.
MannWhitneyResult mann_whitney_u(const std::vector<double>& first,
                                 const std::vector<double>& second);

// The smallest two-sided p-value samples of these sizes can reach (all of one sample below all of
// the other, no ties): below it no difference can be significant.
double mann_whitney_min_p_value(std::size_t first_size, std::size_t second_size);

}  // namespace benchctl::stats
