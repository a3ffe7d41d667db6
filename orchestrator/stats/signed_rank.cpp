#include "stats/signed_rank.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "stats/distributions.h"
#include "util/error.h"

namespace benchctl::stats {
namespace {

// P(W+ <= w) for each w, n pairs without ties: subsets of {1..n} by their sum, over 2^n.
std::vector<double> exact_cdf(std::size_t n) {
  const std::size_t most = n * (n + 1) / 2;
  std::vector<double> count(most + 1, 0.0);
  count[0] = 1;
  for (std::size_t rank = 1; rank <= n; ++rank) {
    for (std::size_t sum = most; sum >= rank; --sum)
      count[sum] += count[sum - rank];
  }
  std::partial_sum(count.begin(), count.end(), count.begin());
  const double total = std::ldexp(1.0, static_cast<int>(n));
  for (double& c : count)
    c /= total;
  return count;
}

// Ranks of |d| (average ranks for ties); sets `ties` to Σ(t³ - t) over groups of equal values.
std::vector<double> absolute_ranks(const std::vector<double>& d, double& ties) {
  std::vector<std::size_t> order(d.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return std::abs(d[a]) < std::abs(d[b]); });
  std::vector<double> ranks(d.size());
  ties = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && std::abs(d[order[j + 1]]) == std::abs(d[order[i]]))
      ++j;
    const double average = (static_cast<double>(i + j) + 2) / 2;  // ranks are 1-based
    for (std::size_t k = i; k <= j; ++k)
      ranks[order[k]] = average;
    const double t = static_cast<double>(j - i + 1);
    ties += t * t * t - t;
    i = j + 1;
  }
  return ranks;
}

double normal_upper(double z) {
  return boost::math::cdf(boost::math::complement(Normal(), z));
}

// How many of the smallest (and largest) Walsh averages lie outside the interval at
// `confidence`: the largest k with P(W+ <= k - 1) <= (1 - confidence) / 2, at least 1.
std::size_t excluded_averages(std::size_t n, double confidence) {
  const double tail = (1 - confidence) / 2;
  if (n <= kExactPairs) {
    const std::vector<double> cdf = exact_cdf(n);
    std::size_t k = 0;
    while (k < cdf.size() && cdf[k] <= tail)
      ++k;
    return std::max<std::size_t>(k, 1);
  }
  const double nn = static_cast<double>(n);
  const double mean = nn * (nn + 1) / 4;
  const double sd = std::sqrt(nn * (nn + 1) * (2 * nn + 1) / 24);
  const double z = boost::math::quantile(boost::math::complement(Normal(), tail));
  return std::max<std::size_t>(static_cast<std::size_t>(std::floor(mean - z * sd - 0.5)) + 1, 1);
}

}  // namespace

SignedRankResult signed_rank(const std::vector<double>& differences, double confidence) {
  if (differences.empty())
    throw Error("a signed-rank test needs at least one difference");
  if (!(confidence > 0 && confidence < 1))
    throw Error("confidence must be between 0 and 1");
  SignedRankResult result;

  // Hodges-Lehmann over every difference, zeros included.
  std::vector<double> walsh;
  walsh.reserve(differences.size() * (differences.size() + 1) / 2);
  for (std::size_t i = 0; i < differences.size(); ++i) {
    for (std::size_t j = i; j < differences.size(); ++j)
      walsh.push_back((differences[i] + differences[j]) / 2);
  }
  std::sort(walsh.begin(), walsh.end());
  const std::size_t middle = walsh.size() / 2;
  result.estimate = walsh.size() % 2 == 1 ? walsh[middle] : (walsh[middle - 1] + walsh[middle]) / 2;
  const std::size_t k =
      std::min(excluded_averages(differences.size(), confidence), (walsh.size() + 1) / 2);
  result.interval = {walsh[k - 1], walsh[walsh.size() - k]};

  // The test, zeros dropped.
  std::vector<double> nonzero;
  for (const double d : differences) {
    if (d != 0)
      nonzero.push_back(d);
  }
  if (nonzero.empty())
    return result;  // every difference is zero: p = 1
  double ties = 0;
  const std::vector<double> ranks = absolute_ranks(nonzero, ties);
  double positive = 0, negative = 0;
  for (std::size_t i = 0; i < nonzero.size(); ++i)
    (nonzero[i] > 0 ? positive : negative) += ranks[i];
  result.statistic = std::min(positive, negative);
  const std::size_t n = nonzero.size();
  if (n <= kExactPairs && ties == 0 && n == differences.size()) {
    const std::vector<double> cdf = exact_cdf(n);
    result.exact = true;
    result.p_value =
        std::min(1.0, 2 * cdf[static_cast<std::size_t>(std::llround(result.statistic))]);
    return result;
  }
  const double nn = static_cast<double>(n);
  const double mean = nn * (nn + 1) / 4;
  const double variance = nn * (nn + 1) * (2 * nn + 1) / 24 - ties / 48;
  if (variance <= 0)
    return result;
  const double z = (mean - result.statistic) / std::sqrt(variance);
  result.p_value = std::min(1.0, 2 * normal_upper(std::max(z, 0.0)));
  return result;
}

}  // namespace benchctl::stats
