// How a comparison moved as a whole: the geometric mean of its benchmarks' ratios, as google/
// benchmark's compare.py (OVERALL_GEOMEAN) and pyperf print it, overall and per plugin. It is taken
// over the compared, timed benchmarks at their final readings (the pairs' where they measured).
// Its interval is the geometric mean of the benchmarks' interval ends: exactly what their
// intervals allow when they move together (as a run's benchmarks do when the machine moves),
// wider than needed when they move independently.
#pragma once

#include <string>
#include <vector>

#include "stats/bootstrap.h"

namespace benchctl::analysis {

struct BenchmarkComparison;

struct GeometricMean {
  std::string plugin;  // empty: every timed benchmark
  double ratio = 1;
  stats::Interval interval;
  int benchmarks = 0;
};

// Overall first, then each plugin with at least two benchmarks, by name; nothing with fewer than
// two timed benchmarks.
std::vector<GeometricMean> geometric_means(const std::vector<BenchmarkComparison>& benchmarks);

}  // namespace benchctl::analysis
