// How two sides' runs of a benchmark compare (time per operation: lower is better), and the
// verdict the regression policy gives: ✅ no change, ⚠️ slower, ❌ regression, 📈 improved,
// or ❔ inconclusive when the data can neither show a change nor rule one out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stats/bootstrap.h"
#include "stats/run_level.h"

namespace benchctl::stats {

struct Policy {
  double alpha = 0.01;        // significance level for the (corrected) p-value
  double noise_floor = 0.01;  // the interval must clear 1 ± noise_floor
  double warn = 0.05;         // slower by at least this much (and significant): ⚠️
  double fail = 0.10;         // slower by more than this (and significant): ❌
  double confidence = 0.95;   // level of the interval
  bool cpu_time = false;      // judge CPU time instead of wall time: time a busy machine takes away
                              // from a process (descheduling) does not count

  // The decisions every judge of a change makes (verdicts, A/B stopping, change points, machine
  // shifts), so that none writes them again.
  bool significant(double p_value) const { return p_value < alpha; }
  // A ratio at least the noise floor away from 1.
  bool beyond_noise_floor(double ratio) const {
    return ratio - 1 >= noise_floor || 1 - ratio >= noise_floor;
  }
  // An interval that excludes everything within the noise floor of 1.
  bool clears_noise_floor(const Interval& interval) const {
    return interval.low > 1 + noise_floor || interval.high < 1 - noise_floor;
  }
  // An interval within ± warn of 1: whatever changed is too small to report.
  bool within_warn(const Interval& interval) const {
    return interval.low >= 1 - warn && interval.high <= 1 + warn;
  }
};

// Instruction counts repeat exactly, so they are judged on a tighter policy: the same alpha and
// confidence, a noise floor of 0.1%, warn at 0.5%, fail at 5%. (Warn at 0.5%, not 1%: a benchmark
// doing 1% more work executes slightly less than 1% more instructions, its loop's own not scaling.)
Policy instruction_policy(const Policy& time);

enum class Verdict { no_change, slower, regression, improved, inconclusive };

// A change the policy saw: slower, regression or improved.
bool moved(Verdict verdict);

std::string to_string(Verdict verdict);  // "no change", "slower", "regression", "improved"...
std::string symbol(Verdict verdict);     // ✅ ⚠️ ❌ 📈 ❔

struct SampleComparison {
  std::size_t before_runs = 1;  // runs on each side
  std::size_t after_runs = 1;
  std::size_t before_count = 0;  // processes on each side, over all its runs
  std::size_t after_count = 0;
  double before_median = 0;  // the side's typical figure (stats/run_level.h: its level)
  double after_median = 0;
  double ratio = 1;  // after / before
  Interval interval;
  double p_value = 1;             // two-sided
  double adjusted_p_value = 1;    // after Benjamini-Hochberg across one comparison
  double minimum_detectable = 0;  // relative change this benchmark's noise lets be found
  double run_sd = 0;              // the run-to-run spread used (log units)
  double process_sd = 0;          // the process-to-process spread seen (log units)
  std::size_t pairs = 0;          // paired processes of an A/B (0: the sides are independent)
  Verdict verdict = Verdict::no_change;
};

// Ratio, interval, raw p-value and minimum detectable effect of two sides' runs, each a list of
// per-process figures, with `prior` as the run-to-run variance known beforehand. The verdict is
// set by decide() once every benchmark's p-value is known.
SampleComparison compare_samples(const std::vector<RunFigures>& before,
                                 const std::vector<RunFigures>& after, const RunNoise& prior,
                                 const Policy& policy);
// The same from the run-level comparison of those runs.
SampleComparison sample_comparison(const RunLevelComparison& levels,
                                   const std::vector<RunFigures>& before,
                                   const std::vector<RunFigures>& after);

// A paired comparison of an A/B: before[k] and after[k] are the figures of pair k, measured side
// by side, so that whatever the machine did hit both. Each pair gives a log ratio; the ratio is
// the Hodges-Lehmann estimate of their centre, with its interval and a Wilcoxon signed-rank
// p-value. `looks` planned looks of adaptive replication spend the error rate (Bonferroni): the
// p-value is multiplied by them and the interval widened to confidence 1 - (1 - c) / looks.
SampleComparison compare_paired(const std::vector<double>& before, const std::vector<double>& after,
                                const Policy& policy, int looks = 1);

// Applies Benjamini-Hochberg across `comparisons` and sets each verdict under its policy.
void decide(std::vector<SampleComparison*>& comparisons, const std::vector<Policy>& policies);

// The verdict for one comparison whose adjusted p-value is known: a change when it is
// significant (p below alpha, the interval clear of the noise floor) and at least `warn`; no
// change when the interval lies within ± warn; otherwise inconclusive.
Verdict verdict_for(const SampleComparison& comparison, const Policy& policy);

}  // namespace benchctl::stats
