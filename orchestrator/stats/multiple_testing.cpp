#include "stats/multiple_testing.h"

#include <algorithm>
#include <numeric>

namespace benchctl::stats {

std::vector<double> benjamini_hochberg(const std::vector<double>& p_values) {
  const std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(m);
  double running_min = 1.0;
  for (std::size_t rank = m; rank > 0; --rank) {
    const std::size_t index = order[rank - 1];
    running_min =
        std::min(running_min, p_values[index] * static_cast<double>(m) / static_cast<double>(rank));
    adjusted[index] = running_min;
  }
  return adjusted;
}

}  // namespace benchctl::stats
