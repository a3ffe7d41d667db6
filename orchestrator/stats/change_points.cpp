#include "stats/change_points.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "stats/distributions.h"
#include "stats/summary.h"
#include "util/error.h"

namespace benchctl::stats {
namespace {

// Sums of |x_i - x_j| over rectangles of the distance matrix, from a 2-D prefix sum. Its storage
// (a megabyte for a year of nights) is kept by the thread and reused: a history analyses hundreds
// of series, and a fresh zeroed allocation each time cost more in page faults than the sums.
class Distances {
 public:
  explicit Distances(const std::vector<double>& x) : n_(x.size()), prefix_(storage()) {
    const std::size_t width = n_ + 1;
    if (prefix_.size() < width * width)
      prefix_.resize(width * width);
    std::fill_n(prefix_.begin(), width, 0.0);  // row 0
    for (std::size_t i = 0; i < n_; ++i) {
      at(i + 1, 0) = 0;
      for (std::size_t j = 0; j < n_; ++j) {
        at(i + 1, j + 1) = std::abs(x[i] - x[j]) + at(i, j + 1) + at(i + 1, j) - at(i, j);
      }
    }
  }
  Distances(const Distances&) = delete;
  Distances& operator=(const Distances&) = delete;
  // Σ |x_i - x_j| for i in [a0, a1), j in [b0, b1).
  double sum(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) const {
    return value(a1, b1) - value(a0, b1) - value(a1, b0) + value(a0, b0);
  }

 private:
  static std::vector<double>& storage() {
    thread_local std::vector<double> prefix;
    return prefix;
  }
  double& at(std::size_t i, std::size_t j) { return prefix_[i * (n_ + 1) + j]; }
  double value(std::size_t i, std::size_t j) const { return prefix_[i * (n_ + 1) + j]; }
  std::size_t n_;
  std::vector<double>& prefix_;  // one Distances per thread at a time
};

// The E-divisive statistic of splitting [begin, end) before `split`.
double energy(const Distances& d, std::size_t begin, std::size_t split, std::size_t end) {
  const double a = static_cast<double>(split - begin);
  const double b = static_cast<double>(end - split);
  const double between = d.sum(begin, split, split, end) * 2 / (a * b);
  const double within_a = d.sum(begin, split, begin, split) / (a * (a - 1));
  const double within_b = d.sum(split, end, split, end) / (b * (b - 1));
  return a * b / (a + b) * (between - within_a - within_b);
}

std::optional<std::size_t> best_in(const Distances& d, std::size_t begin, std::size_t end,
                                   std::size_t min_segment) {
  std::optional<std::size_t> best;
  double best_value = -1;
  for (std::size_t split = begin + min_segment; split + min_segment <= end; ++split) {
    const double value = energy(d, begin, split, end);
    if (value > best_value) {
      best_value = value;
      best = split;
    }
  }
  return best;
}

double mean_of(const std::vector<double>& x, std::size_t begin, std::size_t end) {
  double sum = 0;
  for (std::size_t i = begin; i < end; ++i)
    sum += x[i];
  return sum / static_cast<double>(end - begin);
}

// The variance of [begin, end) with every value winsorized to the mean ± 3 robust standard
// deviations (1.4826 × the median absolute deviation): one wild night cannot inflate the spread
// and hide a real step, and normal figures are left as they are.
double robust_variance(const std::vector<double>& x, std::size_t begin, std::size_t end,
                       double mean) {
  std::vector<double> deviations;
  const double centre = median({x.begin() + static_cast<std::ptrdiff_t>(begin),
                                x.begin() + static_cast<std::ptrdiff_t>(end)});
  for (std::size_t i = begin; i < end; ++i)
    deviations.push_back(std::abs(x[i] - centre));
  const double limit = 3 * 1.4826 * median(deviations);
  double sum = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const double clipped = std::clamp(x[i], centre - limit, centre + limit);
    sum += (clipped - mean) * (clipped - mean);
  }
  return sum / static_cast<double>(end - begin - 1);
}

// Student's t-test of the logs of [begin, split) against [split, end), with the spread pooled:
// a change of level leaves the run-to-run spread as it was, and with three runs on a side a
// spread of its own would be a poor estimate. The split was chosen as the most different of
// `splits` candidates, which makes any one of them look significant far more often than its
// p-value says: the p-value is multiplied by their number (Bonferroni), which bounds the chance
// that a steady segment yields a change by alpha.
ChangePoint test(const std::vector<double>& logs, const std::vector<double>& values,
                 std::size_t begin, std::size_t split, std::size_t end, std::size_t splits,
                 double confidence) {
  ChangePoint c;
  c.index = split;
  c.before_count = split - begin;
  c.after_count = end - split;
  const double na = static_cast<double>(c.before_count);
  const double nb = static_cast<double>(c.after_count);
  const double ma = mean_of(logs, begin, split);
  const double mb = mean_of(logs, split, end);
  const double pooled = (robust_variance(logs, begin, split, ma) * (na - 1) +
                         robust_variance(logs, split, end, mb) * (nb - 1)) /
                        (na + nb - 2);
  c.before = median({values.begin() + static_cast<std::ptrdiff_t>(begin),
                     values.begin() + static_cast<std::ptrdiff_t>(split)});
  c.after = median({values.begin() + static_cast<std::ptrdiff_t>(split),
                    values.begin() + static_cast<std::ptrdiff_t>(end)});
  c.ratio = std::exp(mb - ma);
  const double se = std::sqrt(pooled * (1 / na + 1 / nb));
  if (se <= 0) {
    c.interval = {c.ratio, c.ratio};
    c.p_value = mb == ma ? 1.0 : 0.0;
    return c;
  }
  const StudentT t(na + nb - 2);
  const double p = 2 * boost::math::cdf(boost::math::complement(t, std::abs(mb - ma) / se));
  c.p_value = std::min(1.0, static_cast<double>(splits) * p);
  const double half = boost::math::quantile(t, (1 + confidence) / 2) * se;
  c.interval = {std::exp(mb - ma - half), std::exp(mb - ma + half)};
  return c;
}

std::vector<double> logs_of(const std::vector<double>& values) {
  std::vector<double> logs;
  for (const double v : values) {
    if (!(v > 0))
      throw Error("figures for change points must be positive");
    logs.push_back(std::log(v));
  }
  return logs;
}

// The splits a search of [begin, end) chooses its candidate from.
std::size_t splits_of(std::size_t begin, std::size_t end, const ChangePointOptions& options) {
  return end - begin - 2 * options.min_segment + 1;
}

}  // namespace

std::optional<std::size_t> best_split(const std::vector<double>& values, std::size_t min_segment) {
  if (min_segment < 2 || values.size() < 2 * min_segment)
    return std::nullopt;
  return best_in(Distances(values), 0, values.size(), min_segment);
}

std::vector<ChangePoint> change_point_candidates(const std::vector<double>& values,
                                                 const ChangePointOptions& options) {
  if (options.min_segment < 2)
    throw Error("a change point needs at least two points on each side");
  const std::vector<double> logs = logs_of(values);
  std::vector<ChangePoint> found;
  if (values.size() < 2 * options.min_segment)
    return found;
  const Distances distances(logs);
  // Binary segmentation: split a segment at its best candidate, and again within each side while
  // the split is significant.
  std::vector<std::pair<std::size_t, std::size_t>> pending = {{0, values.size()}};
  while (!pending.empty() && found.size() < options.max_change_points) {
    const auto [begin, end] = pending.back();
    pending.pop_back();
    const auto split = best_in(distances, begin, end, options.min_segment);
    if (!split)
      continue;
    const ChangePoint candidate =
        test(logs, values, begin, *split, end, splits_of(begin, end, options), options.confidence);
    found.push_back(candidate);
    if (candidate.p_value < options.alpha) {
      pending.emplace_back(begin, *split);
      pending.emplace_back(*split, end);
    }
  }
  std::sort(found.begin(), found.end(),
            [](const ChangePoint& a, const ChangePoint& b) { return a.index < b.index; });
  return found;
}

ChangePoint test_split(const std::vector<double>& values, std::size_t begin, std::size_t split,
                       std::size_t end, const ChangePointOptions& options) {
  if (begin + options.min_segment > split || split + options.min_segment > end ||
      end > values.size())
    throw Error("a split needs at least min_segment points on each side, within the series");
  return test(logs_of(values), values, begin, split, end, splits_of(begin, end, options),
              options.confidence);
}

}  // namespace benchctl::stats
