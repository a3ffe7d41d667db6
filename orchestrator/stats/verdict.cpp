#include "stats/verdict.h"

#include <cmath>

#include "stats/mann_whitney.h"
#include "stats/multiple_testing.h"
#include "stats/summary.h"
#include "util/error.h"

namespace benchctl::stats {

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::no_change:
      return "no change";
    case Verdict::slower:
      return "slower";
    case Verdict::regression:
      return "regression";
    case Verdict::improved:
      return "improved";
  }
  return "unknown";
}

std::string symbol(Verdict verdict) {
  switch (verdict) {
    case Verdict::no_change:
      return "✅";
    case Verdict::slower:
      return "⚠️";
    case Verdict::regression:
      return "❌";
    case Verdict::improved:
      return "📈";
  }
  return "?";
}

SampleComparison compare_samples(const std::vector<double>& before,
                                 const std::vector<double>& after, const Policy& policy) {
  if (before.empty() || after.empty())
    throw Error("a comparison needs values on both sides");
  SampleComparison c;
  c.before_count = before.size();
  c.after_count = after.size();
  c.before_median = median(before);
  c.after_median = median(after);
  if (c.before_median <= 0)
    throw Error("a comparison needs a positive baseline median");
  c.ratio = c.after_median / c.before_median;
  c.interval = bootstrap_ratio_of_medians(before, after, policy.confidence);
  c.p_value = mann_whitney_u(before, after).p_value;
  c.adjusted_p_value = c.p_value;
  c.testable = mann_whitney_min_p_value(before.size(), after.size()) < policy.alpha;
  return c;
}

Verdict verdict_for(const SampleComparison& c, const Policy& policy) {
  const bool clear_of_noise =
      c.interval.low > 1.0 + policy.noise_floor || c.interval.high < 1.0 - policy.noise_floor;
  const bool significant = c.testable && c.adjusted_p_value < policy.alpha && clear_of_noise;
  const double change = c.ratio - 1.0;
  if (!significant || std::abs(change) < policy.warn)
    return Verdict::no_change;
  if (change < 0)
    return Verdict::improved;
  return change > policy.fail ? Verdict::regression : Verdict::slower;
}

void decide(std::vector<SampleComparison*>& comparisons, const std::vector<Policy>& policies) {
  if (comparisons.size() != policies.size())
    throw Error("internal error: one policy per comparison expected");
  std::vector<double> p_values;
  for (const SampleComparison* c : comparisons)
    p_values.push_back(c->p_value);
  const std::vector<double> adjusted = benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    comparisons[i]->adjusted_p_value = adjusted[i];
    comparisons[i]->verdict = verdict_for(*comparisons[i], policies[i]);
  }
}

}  // namespace benchctl::stats
