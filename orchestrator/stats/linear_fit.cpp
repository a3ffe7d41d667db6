#include "stats/linear_fit.h"

#include <cmath>

#include "stats/distributions.h"

namespace benchctl::stats {

std::optional<Slope> fit_slope(const std::vector<std::vector<Point>>& groups, double confidence) {
  // Within-group regression: x and y centred on their group's means.
  double sxy = 0, sxx = 0;
  int points = 0, fitted_groups = 0;
  std::vector<std::pair<double, double>> means;
  for (const auto& group : groups) {
    double mx = 0, my = 0;
    for (const Point& p : group) {
      mx += p.x;
      my += p.y;
    }
    const auto n = static_cast<double>(group.size());
    means.emplace_back(group.empty() ? 0 : mx / n, group.empty() ? 0 : my / n);
    if (group.empty())
      continue;
    ++fitted_groups;
    points += static_cast<int>(group.size());
    for (const Point& p : group) {
      sxy += (p.x - means.back().first) * (p.y - means.back().second);
      sxx += (p.x - means.back().first) * (p.x - means.back().first);
    }
  }
  const int df = points - fitted_groups - 1;
  if (df < 1 || sxx <= 0)
    return std::nullopt;
  const double slope = sxy / sxx;
  double residuals = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const Point& p : groups[g]) {
      const double fitted = means[g].second + slope * (p.x - means[g].first);
      residuals += (p.y - fitted) * (p.y - fitted);
    }
  }
  const double standard_error = std::sqrt(residuals / df / sxx);
  const double half = t_quantile(df, (1 + confidence) / 2) * standard_error;
  return Slope{slope, {slope - half, slope + half}, points};
}

}  // namespace benchctl::stats
