// Corrections for testing many benchmarks at once.
#pragma once

#include <vector>

namespace benchctl::stats {

// Benjamini-Hochberg adjusted p-values (false discovery rate), in the input's order: for the
// i-th smallest of m p-values, min over j >= i of p(j) * m / j, capped at 1.
std::vector<double> benjamini_hochberg(const std::vector<double>& p_values);

}  // namespace benchctl::stats
