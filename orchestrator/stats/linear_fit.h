// The slope of y over x by least squares, with its confidence interval (Student's t on the
// slope's standard error). Points come in groups (one per process): each group may have its own
// intercept, so that processes that start at different levels do not make a slope.
#pragma once

#include <optional>
#include <vector>

#include "stats/bootstrap.h"

namespace benchctl::stats {

struct Point {
  double x = 0, y = 0;
};

struct Slope {
  double value = 0;
  Interval interval;
  int points = 0;
};

// Nothing when there are fewer than three points beyond one per group, or no spread in x.
std::optional<Slope> fit_slope(const std::vector<std::vector<Point>>& groups, double confidence);

}  // namespace benchctl::stats
