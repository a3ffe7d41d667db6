#include "stats/common_move.h"

#include <algorithm>
#include <cmath>

#include "stats/distributions.h"
#include "stats/summary.h"

namespace benchctl::stats {

MoveTest move_test(double log_ratio, const RunLevelComparison& total, const RunNoise& run_prior,
                   double extra_variance, double confidence) {
  MoveTest test;
  test.log_ratio = log_ratio;
  const double run_part = total.run_coefficient * run_prior.variance;
  const double variance = run_part + total.process_part + extra_variance;
  test.standard_error = std::sqrt(variance);
  if (test.standard_error <= 0) {
    test.interval = {std::exp(test.log_ratio), std::exp(test.log_ratio)};
    test.p_value = test.log_ratio == 0 ? 1.0 : 0.0;
    return test;
  }
  const double run_df = run_prior.df > 0 ? run_prior.df : 1.0;
  const double process_df = total.process_df > 0 ? total.process_df : 1.0;
  test.df = variance * variance /
            (run_part * run_part / run_df + total.process_part * total.process_part / process_df +
             1e-300);
  test.p_value = t_p_value(test.log_ratio / test.standard_error, test.df);
  const double half_width = t_quantile(test.df, (1 + confidence) / 2) * test.standard_error;
  test.interval = {std::exp(test.log_ratio - half_width), std::exp(test.log_ratio + half_width)};
  return test;
}

MoveTest relative_move(const RunLevelComparison& total, double common_shift, double common_variance,
                       const RunNoise& relative_prior, double confidence) {
  return move_test(std::log(total.ratio) - common_shift, total, relative_prior, common_variance,
                   confidence);
}

RunNoise quiet_move_noise(const std::vector<double>& moves, double independent) {
  if (moves.empty())
    return {};
  std::vector<double> sizes;
  for (const double move : moves)
    sizes.push_back(std::abs(move));
  // A difference of two runs: twice a run's variance. The median absolute deviation is worth
  // about 37% of a variance estimate's degrees of freedom.
  const double spread = 1.4826 * median(std::move(sizes));
  return {spread * spread / 2, std::max(1.0, 0.37 * independent)};
}

double machine_move_p_value(double shift, const std::vector<double>& history_moves,
                            double independent, const RunNoise& fallback) {
  if (history_moves.empty()) {
    if (fallback.variance <= 0)
      return shift == 0 ? 1.0 : 0.0;
    return t_p_value(shift / std::sqrt(2 * fallback.variance), fallback.df);
  }
  const double size = std::abs(shift);
  double squares = 0, largest = 0;
  std::size_t at_least = 0;
  for (const double move : history_moves) {
    squares += move * move;
    largest = std::max(largest, std::abs(move));
    at_least += std::abs(move) >= size ? 1 : 0;
  }
  const double moves = static_cast<double>(history_moves.size());
  const double spread = std::sqrt(squares / moves);
  const double normal = spread > 0 ? std::erfc(size / spread / std::sqrt(2.0)) : (size > 0 ? 0 : 1);
  const double n = std::clamp(independent, 1.0, moves);
  double empirical = (1 + static_cast<double>(at_least) / moves * n) / (n + 1);
  if (size > largest)
    empirical = largest > 0 ? largest / size / (n + 1) : 0;
  return std::min(1.0, std::max(normal, empirical));
}

}  // namespace benchctl::stats
