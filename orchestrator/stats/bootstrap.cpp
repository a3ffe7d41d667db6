#include "stats/bootstrap.h"

#include <algorithm>
#include <random>

#include "stats/summary.h"
#include "util/error.h"

namespace benchctl::stats {
namespace {

// Uniform index in [0, size) from a 64-bit generator, without modulo bias and without
// std::uniform_int_distribution, whose output differs between standard libraries: the same seed
// gives the same interval everywhere.
std::size_t draw(std::mt19937_64& generator, std::size_t size) {
  const std::uint64_t bound = static_cast<std::uint64_t>(size);
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t value;
  do {
    value = generator();
  } while (value >= limit);
  return static_cast<std::size_t>(value % bound);
}

Interval percentile_interval(std::vector<double> estimates, double confidence) {
  const double tail = (1.0 - confidence) / 2.0 * 100.0;
  return {percentile(estimates, tail), percentile(estimates, 100.0 - tail)};
}

// Medians of resamples of one sample, without sorting each resample: the sample is sorted once,
// a resample is a count of draws per sorted position, and its median is read off the running
// count (the mean of the two middle order statistics for an even size, as numpy computes it).
class ResampledMedian {
 public:
  explicit ResampledMedian(std::vector<double> values)
      : sorted_(std::move(values)), counts_(sorted_.size()) {
    std::sort(sorted_.begin(), sorted_.end());
  }

  double next(std::mt19937_64& generator) {
    const std::size_t n = sorted_.size();
    std::fill(counts_.begin(), counts_.end(), 0);
    for (std::size_t i = 0; i < n; ++i)
      ++counts_[draw(generator, n)];
    const std::size_t low_rank = (n - 1) / 2;
    const std::size_t high_rank = n / 2;
    double low = 0;
    std::size_t seen = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t before = seen;
      seen += counts_[k];
      if (before <= low_rank && low_rank < seen)
        low = sorted_[k];
      if (before <= high_rank && high_rank < seen)
        return (low + sorted_[k]) / 2.0;
    }
    return low;  // not reached: the counts add up to n
  }

 private:
  std::vector<double> sorted_;
  std::vector<std::size_t> counts_;
};

}  // namespace

Interval bootstrap_ratio_of_medians(const std::vector<double>& before,
                                    const std::vector<double>& after, double confidence,
                                    int resamples, std::uint64_t seed) {
  if (before.empty() || after.empty())
    throw Error("bootstrap of an empty sample");
  if (!(confidence > 0 && confidence < 1))
    throw Error("confidence must be between 0 and 1");
  std::mt19937_64 generator(seed);
  ResampledMedian a(before), b(after);
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    const double denominator = a.next(generator);
    if (denominator == 0)
      throw Error("bootstrap ratio with a zero median");
    ratios.push_back(b.next(generator) / denominator);
  }
  return percentile_interval(std::move(ratios), confidence);
}

Interval bootstrap_pooled_statistic(const std::vector<std::vector<double>>& groups,
                                    double (*statistic)(std::vector<double>), double confidence,
                                    int resamples, std::uint64_t seed) {
  if (groups.empty())
    throw Error("bootstrap of an empty sample");
  std::mt19937_64 generator(seed);
  std::vector<double> estimates;
  estimates.reserve(static_cast<std::size_t>(resamples));
  std::vector<double> pooled;
  for (int r = 0; r < resamples; ++r) {
    pooled.clear();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const auto& group = groups[draw(generator, groups.size())];
      pooled.insert(pooled.end(), group.begin(), group.end());
    }
    if (!pooled.empty())
      estimates.push_back(statistic(pooled));
  }
  if (estimates.empty())
    throw Error("bootstrap of an empty sample");
  return percentile_interval(std::move(estimates), confidence);
}

}  // namespace benchctl::stats
