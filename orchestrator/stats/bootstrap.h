// A percentile bootstrap confidence interval of the ratio of two medians, resampling the units of
// replication (worker processes) with replacement. Seeded, so that the same data always gives the
// same interval, and so the same verdict.
#pragma once

#include <cstdint>
#include <vector>

namespace benchctl::stats {

struct Interval {
  double low = 0;
  double high = 0;
};

// The interval of median(after) / median(before) at `confidence` (e.g. 0.95), from `resamples`
// resamples of each side's per-process values. Throws Error for an empty side or a zero median.
Interval bootstrap_ratio_of_medians(const std::vector<double>& before,
                                    const std::vector<double>& after, double confidence,
                                    int resamples = 2000, std::uint64_t seed = 0x5eed);

// The interval of statistic(pooled values of the resampled groups), for budgets judged on a
// run alone: each resample draws whole groups (processes) with replacement and pools them.
Interval bootstrap_pooled_statistic(const std::vector<std::vector<double>>& groups,
                                    double (*statistic)(std::vector<double>), double confidence,
                                    int resamples = 2000, std::uint64_t seed = 0x5eed);

}  // namespace benchctl::stats
