// Descriptive statistics of a sample, computed the way numpy computes them so that figures can
// be checked against an outside reference.
#pragma once

#include <cstddef>
#include <vector>

namespace benchctl::stats {

// The p-th percentile (0..100) with linear interpolation between closest ranks: numpy's default
// ("linear", Hyndman & Fan type 7). Throws Error on an empty sample or p outside 0..100.
double percentile(std::vector<double> values, double p);
double median(std::vector<double> values);
double mean(const std::vector<double>& values);
// Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.
double stddev(const std::vector<double>& values);

struct Distribution {
  std::size_t count = 0;
  double min = 0, max = 0, mean = 0, stddev = 0;
  double median = 0, p90 = 0, p95 = 0, p99 = 0;
  double cv = 0;  // stddev / mean; 0 when the mean is 0
};

// Throws Error on an empty sample.
Distribution describe(const std::vector<double>& values);

// Values outside Tukey's fences [Q1 - 1.5 IQR, Q3 + 1.5 IQR].
std::size_t tukey_outliers(const std::vector<double>& values);

}  // namespace benchctl::stats
