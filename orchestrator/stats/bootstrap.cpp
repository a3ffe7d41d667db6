#include "stats/bootstrap.h"

#include <algorithm>
#include <cmath>

#include "stats/summary.h"
#include "util/error.h"
#include "util/random.h"

namespace benchctl::stats {
namespace {

// Uniform indices in [0, size) two at a time from one 64-bit draw, by multiply-shift on each 32-bit
// half (Lemire 2019); the bias, size / 2^32, is far below anything a percentile interval resolves.
class IndexSource {
 public:
  explicit IndexSource(std::uint64_t seed) : random_(seed) {}
  std::size_t draw(std::size_t size) {
    if (!spare_) {
      bits_ = random_.next();
      spare_ = true;
      return scale(bits_ & 0xFFFFFFFFULL, size);
    }
    spare_ = false;
    return scale(bits_ >> 32, size);
  }

 private:
  static std::size_t scale(std::uint64_t bits32, std::size_t size) {
    return static_cast<std::size_t>((bits32 * static_cast<std::uint64_t>(size)) >> 32);
  }
  util::SplitMix64 random_;
  std::uint64_t bits_ = 0;
  bool spare_ = false;
};

Interval percentile_interval(std::vector<double> estimates, double confidence) {
  const double tail = (1.0 - confidence) / 2.0 * 100.0;
  const double low = percentile(estimates, tail);
  return {low, percentile(std::move(estimates), 100.0 - tail)};
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

  double next(IndexSource& indices) {
    const std::size_t n = sorted_.size();
    std::fill(counts_.begin(), counts_.end(), 0);
    for (std::size_t i = 0; i < n; ++i)
      ++counts_[indices.draw(n)];
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
  IndexSource indices(seed);
  ResampledMedian a(before), b(after);
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    const double denominator = a.next(indices);
    if (denominator == 0)
      throw Error("bootstrap ratio with a zero median");
    ratios.push_back(b.next(indices) / denominator);
  }
  return percentile_interval(std::move(ratios), confidence);
}

Interval bootstrap_pooled_statistic(const std::vector<std::vector<double>>& groups,
                                    double (*statistic)(std::vector<double>), double confidence,
                                    int resamples, std::uint64_t seed) {
  if (groups.empty())
    throw Error("bootstrap of an empty sample");
  IndexSource indices(seed);
  std::vector<double> estimates;
  estimates.reserve(static_cast<std::size_t>(resamples));
  std::vector<double> pooled;
  for (int r = 0; r < resamples; ++r) {
    pooled.clear();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const auto& group = groups[indices.draw(groups.size())];
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
