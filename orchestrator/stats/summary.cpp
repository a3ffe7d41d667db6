#include "stats/summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "util/error.h"

namespace benchctl::stats {

double percentile(std::vector<double> values, double p) {
  if (values.empty())
    throw Error("percentile of an empty sample");
  if (!(p >= 0 && p <= 100))
    throw Error("percentile outside 0..100");
  // Partial selection, not a sort: the bootstrap asks for percentiles of thousands of estimates.
  const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(rank));
  const auto at_lower = values.begin() + static_cast<std::ptrdiff_t>(lower);
  std::nth_element(values.begin(), at_lower, values.end());
  if (lower + 1 >= values.size())
    return *at_lower;
  const double upper = *std::min_element(at_lower + 1, values.end());
  return *at_lower + (upper - *at_lower) * (rank - static_cast<double>(lower));
}

double median(std::vector<double> values) {
  return percentile(std::move(values), 50);
}

double mean(const std::vector<double>& values) {
  if (values.empty())
    throw Error("mean of an empty sample");
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double stddev(const std::vector<double>& values) {
  if (values.size() < 2)
    return 0;
  const double m = mean(values);
  double squares = 0;
  for (double v : values)
    squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

Distribution describe(const std::vector<double>& values) {
  if (values.empty())
    throw Error("statistics of an empty sample");
  Distribution d;
  d.count = values.size();
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  d.min = *low;
  d.max = *high;
  d.mean = mean(values);
  d.stddev = stddev(values);
  d.median = percentile(values, 50);
  d.p90 = percentile(values, 90);
  d.p95 = percentile(values, 95);
  d.p99 = percentile(values, 99);
  d.cv = d.mean != 0 ? d.stddev / d.mean : 0;
  return d;
}

std::size_t tukey_outliers(const std::vector<double>& values) {
  if (values.size() < 4)
    return 0;
  const double q1 = percentile(values, 25);
  const double q3 = percentile(values, 75);
  const double fence = 1.5 * (q3 - q1);
  return static_cast<std::size_t>(std::count_if(
      values.begin(), values.end(), [&](double v) { return v < q1 - fence || v > q3 + fence; }));
}

}  // namespace benchctl::stats
