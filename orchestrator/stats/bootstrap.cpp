#include "stats/bootstrap.h"

#include <algorithm>
#include <random>

#include "stats/summary.h"
#include "util/error.h"

namespace benchctl::stats {
namespace {

// Uniform index in [0, size) from a 64-bit generator, without modulo bias and without
// std::uniform_int_distribution, whose output differs between standard libraries.
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

}  // namespace

Interval bootstrap_ratio_of_medians(const std::vector<double>& before,
                                    const std::vector<double>& after, double confidence,
                                    int resamples, std::uint64_t seed) {
  if (before.empty() || after.empty())
    throw Error("bootstrap of an empty sample");
  if (!(confidence > 0 && confidence < 1))
    throw Error("confidence must be between 0 and 1");
  std::mt19937_64 generator(seed);
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(resamples));
  std::vector<double> a(before.size()), b(after.size());
  for (int r = 0; r < resamples; ++r) {
    for (double& v : a)
      v = before[draw(generator, before.size())];
    for (double& v : b)
      v = after[draw(generator, after.size())];
    const double denominator = median(a);
    if (denominator == 0)
      throw Error("bootstrap ratio with a zero median");
    ratios.push_back(median(b) / denominator);
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
