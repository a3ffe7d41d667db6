#include "stats/verdict.h"

#include <cmath>

#include "stats/multiple_testing.h"
#include "util/enum_names.h"
#include "util/error.h"

namespace benchctl::stats {

namespace {

constexpr util::EnumNames<Verdict, 5> kVerdictNames{{{Verdict::no_change, "no change"},
                                                     {Verdict::slower, "slower"},
                                                     {Verdict::regression, "regression"},
                                                     {Verdict::improved, "improved"},
                                                     {Verdict::inconclusive, "inconclusive"}}};
constexpr util::EnumNames<Verdict, 5> kVerdictSymbols{{{Verdict::no_change, "✅"},
                                                       {Verdict::slower, "⚠️"},
                                                       {Verdict::regression, "❌"},
                                                       {Verdict::improved, "📈"},
                                                       {Verdict::inconclusive, "❔"}}};

}  // namespace

std::string to_string(Verdict verdict) {
  return util::name_of(kVerdictNames, verdict);
}

std::string symbol(Verdict verdict) {
  return util::name_of(kVerdictSymbols, verdict);
}

SampleComparison compare_samples(const std::vector<RunFigures>& before,
                                 const std::vector<RunFigures>& after, const RunNoise& prior,
                                 const Policy& policy) {
  const RunLevelComparison levels =
      compare_run_levels(before, after, prior, policy.confidence, policy.alpha);
  SampleComparison c;
  c.before_runs = before.size();
  c.after_runs = after.size();
  for (const RunFigures& run : before)
    c.before_count += run.size();
  for (const RunFigures& run : after)
    c.after_count += run.size();
  c.before_median = levels.before_level;
  c.after_median = levels.after_level;
  c.ratio = levels.ratio;
  c.interval = levels.interval;
  c.p_value = c.adjusted_p_value = levels.p_value;
  c.minimum_detectable = levels.minimum_detectable;
  c.run_sd = levels.run_sd;
  c.process_sd = levels.process_sd;
  return c;
}

Verdict verdict_for(const SampleComparison& c, const Policy& policy) {
  const bool clear_of_noise =
      c.interval.low > 1.0 + policy.noise_floor || c.interval.high < 1.0 - policy.noise_floor;
  const bool significant = c.adjusted_p_value < policy.alpha && clear_of_noise;
  const double change = c.ratio - 1.0;
  if (significant && std::abs(change) >= policy.warn) {
    if (change < 0)
      return Verdict::improved;
    return change > policy.fail ? Verdict::regression : Verdict::slower;
  }
  if (c.interval.low >= 1.0 - policy.warn && c.interval.high <= 1.0 + policy.warn)
    return Verdict::no_change;
  return Verdict::inconclusive;
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
