// How two samples of per-process figures (time per operation: lower is better) compare, and the
// verdict the regression policy gives: ✅ no change, ⚠️ slower, ❌ regression, 📈 improved.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stats/bootstrap.h"

namespace benchctl::stats {

struct Policy {
  double alpha = 0.01;        // significance level for the (corrected) p-value
  double noise_floor = 0.01;  // the interval must clear 1 ± noise_floor
  double warn = 0.05;         // slower by at least this much (and significant): ⚠️
  double fail = 0.10;         // slower by more than this (and significant): ❌
  double confidence = 0.95;   // level of the bootstrap interval
  bool cpu_time = false;      // judge CPU time instead of wall time: time a busy machine takes away
                              // from a process (descheduling) does not count
};

enum class Verdict { no_change, slower, regression, improved };

std::string to_string(Verdict verdict);  // "no change", "slower", "regression", "improved"
std::string symbol(Verdict verdict);     // ✅ ⚠️ ❌ 📈

struct SampleComparison {
  std::size_t before_count = 0;  // processes on each side
  std::size_t after_count = 0;
  double before_median = 0;  // median of the per-process medians
  double after_median = 0;
  double ratio = 1;  // after / before
  Interval interval;
  double p_value = 1;           // Mann-Whitney U, two-sided
  double adjusted_p_value = 1;  // after Benjamini-Hochberg across one comparison
  bool testable = true;         // enough processes for p < alpha to be reachable
  Verdict verdict = Verdict::no_change;
};

// Ratio, interval and raw p-value of two samples of per-process values. The verdict is set by
// decide() once every benchmark's p-value is known.
SampleComparison compare_samples(const std::vector<double>& before,
                                 const std::vector<double>& after, const Policy& policy);

// Applies Benjamini-Hochberg across `comparisons` and sets each verdict under its policy.
void decide(std::vector<SampleComparison*>& comparisons, const std::vector<Policy>& policies);

// The verdict for one comparison whose adjusted p-value is known.
Verdict verdict_for(const SampleComparison& comparison, const Policy& policy);

}  // namespace benchctl::stats
