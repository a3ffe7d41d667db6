#include "stats/mann_whitney.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>

#include "util/error.h"

namespace benchctl::stats {
namespace {

constexpr std::size_t kExactLimit = 8;

// Number of arrangements giving each U, for samples of sizes m and n: the coefficients of the
// Gaussian binomial, built with the recurrence f(m, n, u) = f(m-1, n, u-n) + f(m, n-1, u).
std::vector<double> u_frequencies(std::size_t m, std::size_t n) {
  // table[j][u] holds f(i, j, u) for the current i.
  std::vector<std::vector<double>> table(n + 1);
  for (std::size_t j = 0; j <= n; ++j)
    table[j] = {1.0};  // i = 0: only U = 0
  for (std::size_t i = 1; i <= m; ++i) {
    std::vector<std::vector<double>> next(n + 1);
    next[0] = {1.0};  // j = 0: only U = 0
    for (std::size_t j = 1; j <= n; ++j) {
      std::vector<double> counts(i * j + 1, 0.0);
      for (std::size_t u = 0; u < table[j].size(); ++u)
        counts[u + j] += table[j][u];  // f(i-1, j, u-j)
      for (std::size_t u = 0; u < next[j - 1].size(); ++u)
        counts[u] += next[j - 1][u];  // f(i, j-1, u)
      next[j] = std::move(counts);
    }
    table = std::move(next);
  }
  return table[n];
}

// The frequencies depend only on the sample sizes, and a comparison asks for the same few sizes
// for every benchmark.
const std::vector<double>& cached_u_frequencies(std::size_t m, std::size_t n) {
  static std::mutex mutex;
  static std::map<std::pair<std::size_t, std::size_t>, std::vector<double>> cache;
  const std::lock_guard lock(mutex);
  auto [entry, added] = cache.try_emplace({m, n});
  if (added)
    entry->second = u_frequencies(m, n);
  return entry->second;
}

}  // namespace

MannWhitneyResult mann_whitney_u(const std::vector<double>& first,
                                 const std::vector<double>& second) {
  if (first.empty() || second.empty())
    throw Error("Mann-Whitney U needs two non-empty samples");
  const std::size_t n1 = first.size();
  const std::size_t n2 = second.size();
  const std::size_t n = n1 + n2;

  // Midranks of the pooled sample, and the tie groups.
  std::vector<std::pair<double, bool>> pooled;
  pooled.reserve(n);
  for (double v : first)
    pooled.emplace_back(v, true);
  for (double v : second)
    pooled.emplace_back(v, false);
  std::sort(pooled.begin(), pooled.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  double rank_sum_first = 0;
  double tie_term = 0;  // sum of t^3 - t over tie groups
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && pooled[j].first == pooled[i].first)
      ++j;
    const double midrank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (pooled[k].second)
        rank_sum_first += midrank;
    }
    const double t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    i = j;
  }

  MannWhitneyResult result;
  const double nn1 = static_cast<double>(n1);
  const double nn2 = static_cast<double>(n2);
  result.u = rank_sum_first - nn1 * (nn1 + 1) / 2.0;
  const double u_max = std::max(result.u, nn1 * nn2 - result.u);
  const bool ties = tie_term > 0;

  if (!ties && std::min(n1, n2) <= kExactLimit) {
    const std::vector<double>& frequencies = cached_u_frequencies(n1, n2);
    const double total = std::accumulate(frequencies.begin(), frequencies.end(), 0.0);
    // P(U >= u_max), doubled for two sides.
    double upper = 0;
    for (std::size_t u = static_cast<std::size_t>(std::llround(u_max)); u < frequencies.size();
         ++u) {
      upper += frequencies[u];
    }
    result.p_value = std::min(1.0, 2.0 * upper / total);
    result.exact = true;
    return result;
  }

  const double nn = static_cast<double>(n);
  const double mean = nn1 * nn2 / 2.0;
  const double variance = nn1 * nn2 / 12.0 * ((nn + 1) - tie_term / (nn * (nn - 1)));
  if (variance <= 0) {
    result.p_value = 1.0;  // every value tied: no evidence of a difference
    return result;
  }
  const double z = (u_max - mean - 0.5) / std::sqrt(variance);
  const boost::math::normal_distribution<double> normal;
  result.p_value = std::clamp(2.0 * boost::math::cdf(boost::math::complement(normal, z)), 0.0, 1.0);
  return result;
}

double mann_whitney_min_p_value(std::size_t first_size, std::size_t second_size) {
  if (first_size == 0 || second_size == 0)
    return 1.0;
  if (std::min(first_size, second_size) <= kExactLimit) {
    // All of one sample below all of the other: U = 0, one arrangement of C(n1 + n2, n1) per side.
    const std::vector<double>& frequencies = cached_u_frequencies(first_size, second_size);
    const double total = std::accumulate(frequencies.begin(), frequencies.end(), 0.0);
    return std::min(1.0, 2.0 / total);
  }
  std::vector<double> low(first_size), high(second_size);
  std::iota(low.begin(), low.end(), 0.0);
  std::iota(high.begin(), high.end(), static_cast<double>(first_size));
  return mann_whitney_u(low, high).p_value;
}

}  // namespace benchctl::stats
