#include "stats/verdict.h"

#include <cmath>

#include "stats/distributions.h"
#include "stats/multiple_testing.h"
#include "stats/signed_rank.h"
#include "stats/summary.h"
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

Policy instruction_policy(const Policy& time) {
  Policy policy = time;
  policy.noise_floor = 0.001;
  policy.warn = 0.005;
  policy.fail = 0.05;
  return policy;
}

bool moved(Verdict verdict) {
  return verdict == Verdict::slower || verdict == Verdict::regression ||
         verdict == Verdict::improved;
}

std::string to_string(Verdict verdict) {
  return util::name_of(kVerdictNames, verdict);
}

std::string symbol(Verdict verdict) {
  return util::name_of(kVerdictSymbols, verdict);
}

SampleComparison compare_samples(const std::vector<RunFigures>& before,
                                 const std::vector<RunFigures>& after, const RunNoise& prior,
                                 const Policy& policy) {
  return sample_comparison(
      compare_run_levels(before, after, prior, policy.confidence, policy.alpha), before, after);
}

SampleComparison sample_comparison(const RunLevelComparison& levels,
                                   const std::vector<RunFigures>& before,
                                   const std::vector<RunFigures>& after) {
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

SampleComparison compare_paired(const std::vector<double>& before, const std::vector<double>& after,
                                const Policy& policy, int looks) {
  if (before.size() != after.size() || before.empty())
    throw Error("a paired comparison needs as many figures on each side, at least one");
  if (looks < 1)
    throw Error("a paired comparison needs at least one look");
  std::vector<double> log_ratios;
  for (std::size_t k = 0; k < before.size(); ++k) {
    if (!(before[k] > 0 && after[k] > 0))
      throw Error("figures to compare must be positive");
    log_ratios.push_back(std::log(after[k] / before[k]));
  }
  const double confidence = 1 - (1 - policy.confidence) / looks;
  const SignedRankResult test = signed_rank(log_ratios, confidence);
  SampleComparison c;
  c.pairs = c.before_count = c.after_count = before.size();
  c.before_median = median(before);
  c.after_median = median(after);
  c.ratio = std::exp(test.estimate);
  c.interval = {std::exp(test.interval.low), std::exp(test.interval.high)};
  c.p_value = c.adjusted_p_value = std::min(1.0, test.p_value * looks);
  // The spread of the pairs' log ratios: what the machine did not cancel.
  c.process_sd = stddev(log_ratios);
  const double n = static_cast<double>(log_ratios.size());
  if (log_ratios.size() > 1) {
    const StudentT t(n - 1);
    const double alpha = policy.alpha / looks;
    c.minimum_detectable =
        std::exp((boost::math::quantile(t, 1 - alpha / 2) + boost::math::quantile(t, 0.8)) *
                 c.process_sd / std::sqrt(n)) -
        1;
  }
  return c;
}

Verdict verdict_for(const SampleComparison& c, const Policy& policy) {
  const bool significant =
      policy.significant(c.adjusted_p_value) && policy.clears_noise_floor(c.interval);
  const double change = c.ratio - 1.0;
  if (significant && std::abs(change) >= policy.warn) {
    if (change < 0)
      return Verdict::improved;
    return change > policy.fail ? Verdict::regression : Verdict::slower;
  }
  if (policy.within_warn(c.interval))
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
