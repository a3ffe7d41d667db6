// Asymptotic complexity fitted across the sizes of a benchmark family: "memory/vector_search/hnsw"
// from its results ".../1000", ".../10000", ".../100000". Each result runs in its own worker
// processes, so Google Benchmark's own Complexity() never sees the whole family; this fits the
// same models the same way (least squares through the origin, lowest relative RMS wins).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/records.h"

namespace benchctl::analysis {

struct ComplexityFit {
  std::string family;
  std::vector<std::pair<double, double>> points;  // (N, median seconds per operation)
  std::string model;       // "O(1)", "O(log N)", "O(N)", "O(N log N)", "O(N^2)"
  double coefficient = 0;  // seconds per unit of the model
  double rms = 0;          // root mean square error relative to the mean time
};

// The best model for `points` (at least three distinct sizes).
ComplexityFit fit_complexity(const std::vector<std::pair<double, double>>& points);

// A fit for every family in the run with at least three measured sizes, by family name.
std::vector<ComplexityFit> fit_run_complexity(const store::RunRecord& run);

}  // namespace benchctl::analysis
