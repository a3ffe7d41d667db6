#include "analysis/comparison.h"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <map>
#include <span>

#include "analysis/comparison_assembly.h"
#include "analysis/metrics.h"
#include "stats/summary.h"
#include "util/enum_names.h"

namespace benchctl::analysis {
namespace {

constexpr util::EnumNames<Standing, 5> kStandingNames{
    {{Standing::compared, "compared"},
     {Standing::only_in_baseline, "only in baseline"},
     {Standing::only_in_current, "only in current"},
     {Standing::failed_in_baseline, "failed in baseline"},
     {Standing::failed_in_current, "failed in current"}}};

// Per-process figures, lower is better: median time per operation, or the file's size.
std::vector<double> figures(const store::ResultRecord& result, bool cpu_time) {
  std::vector<double> values;
  if (result.kind == store::ResultKind::file_size) {
    for (const auto& group : counter_by_process(result, "size_bytes"))
      values.push_back(group.front());
    return values;
  }
  for (const auto& times : times_by_process(result, cpu_time))
    values.push_back(stats::median(times));
  return values;
}

std::vector<double> flattened(const std::vector<stats::RunFigures>& runs) {
  std::vector<double> all;
  for (const stats::RunFigures& run : runs)
    all.insert(all.end(), run.begin(), run.end());
  return all;
}

// Each measured run's per-process figures, leaving out runs without any.
std::vector<stats::RunFigures> time_figures(const SideResults& side, bool cpu_time) {
  std::vector<stats::RunFigures> runs;
  for (const auto* result : side.measured) {
    if (auto run = figures(*result, cpu_time); !run.empty())
      runs.push_back(std::move(run));
  }
  return runs;
}

std::vector<stats::RunFigures> instruction_figures(const SideResults& side) {
  std::vector<stats::RunFigures> runs;
  for (const auto* result : side.measured) {
    stats::RunFigures run;
    for (const auto& counts : instructions_by_process(*result))
      run.push_back(stats::median(counts));
    if (!run.empty())
      runs.push_back(std::move(run));
  }
  return runs;
}

// Instruction counts barely vary: the run-to-run prior is none.
constexpr stats::RunNoise kExactCounts{0, 1e6};

// What time and instructions say together.
std::string combined_reading(const BenchmarkComparison& c) {
  if (!c.instructions)
    return {};
  const bool time = stats::moved(c.result.verdict);
  const bool counted = stats::moved(c.instructions->verdict);
  if (time && counted) {
    return (c.result.ratio > 1) == (c.instructions->ratio > 1)
               ? "a code change: time and instructions moved together"
               : "time and instructions moved apart: the code changed, and so did its memory or "
                 "the machine";
  }
  if (counted)
    return "only instructions moved: a change this machine's noise hides in time";
  if (!time)
    return {};
  if (!c.cache_miss_ratio) {
    return "only time moved: the machine, or a memory or cache effect (cache_simulation: true "
           "tells which)";
  }
  if (std::abs(*c.cache_miss_ratio - 1) >= 0.05) {
    return fmt::format("only time moved, and cache misses by {:+.1f}%: a memory or cache effect",
                       (*c.cache_miss_ratio - 1) * 100);
  }
  return "only time moved, instructions and cache misses did not: likely the machine";
}

// The last-level cache misses per iteration of the sides' newest results, when simulated.
std::optional<double> cache_miss_ratio(const SideResults& before, const SideResults& after) {
  const auto old_misses = compute_metrics(*before.measured.back()).ll_misses;
  const auto new_misses = compute_metrics(*after.measured.back()).ll_misses;
  if (!old_misses || !new_misses || *old_misses <= 0)
    return std::nullopt;
  return *new_misses / *old_misses;
}

void compare_one(BenchmarkComparison& c, const SideResults& before, const SideResults& after,
                 const NoiseModel& noise) {
  if (before.measured.empty()) {
    c.standing = Standing::failed_in_baseline;
    return;
  }
  if (after.measured.empty()) {
    c.standing = Standing::failed_in_current;
    return;
  }
  if (c.kind == store::ResultKind::file_size) {
    c.unit = "size";
    c.result = exact_comparison(figures(*before.measured.back(), false).at(0),
                                figures(*after.measured.back(), false).at(0), c.policy);
    c.baseline_figures = {c.result.before_median};
    c.current_figures = {c.result.after_median};
    return;
  }
  compare_allocations(c, *before.measured.back(), *after.measured.back());
  const auto before_counts = instruction_figures(before);
  const auto after_counts = instruction_figures(after);
  if (!before_counts.empty() && !after_counts.empty()) {
    c.instructions = stats::compare_samples(before_counts, after_counts, kExactCounts,
                                            stats::instruction_policy(c.policy));
    c.cache_miss_ratio = cache_miss_ratio(before, after);
  }
  const auto before_runs = time_figures(before, c.policy.cpu_time);
  const auto after_runs = time_figures(after, c.policy.cpu_time);
  if (before_runs.empty() || after_runs.empty()) {
    if (!c.instructions) {  // measured differently on the two sides: nothing in common
      c.standing = before_runs.empty() ? Standing::failed_in_baseline : Standing::failed_in_current;
      return;
    }
    c.unit = "instructions";  // counted, not timed
    c.result = *c.instructions;
    c.baseline_figures = flattened(before_counts);
    c.current_figures = flattened(after_counts);
    c.instructions.reset();
    return;
  }
  const NoiseEstimate& estimate = noise.estimate(c.name);
  c.history_runs = estimate.history_runs;
  c.levels = stats::compare_run_levels(before_runs, after_runs, estimate.prior, c.policy.confidence,
                                       c.policy.alpha);
  c.result = stats::sample_comparison(*c.levels, before_runs, after_runs);
  c.baseline_figures = flattened(before_runs);
  c.current_figures = flattened(after_runs);
}

std::optional<MachineShift> machine_shift(const std::vector<BenchmarkComparison>& benchmarks) {
  MachineShift shift;
  std::vector<double> ratios;
  stats::Policy policy;
  for (const BenchmarkComparison& c : benchmarks) {
    if (c.standing != Standing::compared || c.unit != "time")
      continue;
    if (is_calibration(c.name)) {
      if (shift.calibration.empty()) {
        shift.calibration = c.name;
        shift.calibration_ratio = c.result.ratio;
      }
      continue;
    }
    ratios.push_back(c.result.ratio);
    policy = c.policy;
  }
  shift.compared = static_cast<int>(ratios.size());
  if (shift.compared < kShiftMinimum)
    return std::nullopt;
  shift.median_ratio = stats::median(ratios);
  if (!policy.beyond_noise_floor(shift.median_ratio))
    return std::nullopt;
  const bool faster = shift.median_ratio < 1;
  shift.agreeing = static_cast<int>(std::count_if(ratios.begin(), ratios.end(), [&](double r) {
    return policy.beyond_noise_floor(r) && (r < 1) == faster;
  }));
  if (shift.agreeing < kShiftAgreement * shift.compared)
    return std::nullopt;
  return shift;
}

int severity(stats::Verdict verdict) {
  switch (verdict) {
    case stats::Verdict::regression:
      return 0;
    case stats::Verdict::slower:
      return 1;
    case stats::Verdict::improved:
      return 2;
    case stats::Verdict::inconclusive:
      return 3;
    case stats::Verdict::no_change:
      return 4;
  }
  return 5;
}

// Regressions first, by time or by instructions.
int severity(const BenchmarkComparison& c) {
  if (c.standing != Standing::compared)
    return 5;
  return std::min(severity(c.final_verdict()),
                  c.instructions ? severity(c.instructions->verdict) : 5);
}

void note_history(RunComparison& comparison, const NoiseModel& noise) {
  int without = 0, compared = 0;
  for (const BenchmarkComparison& c : comparison.benchmarks) {
    if (c.standing == Standing::compared && c.unit == "time") {
      ++compared;
      without += c.history_runs < 2 ? 1 : 0;
    }
  }
  if (without == 0)
    return;
  const double spread = std::sqrt(noise.machine().variance);
  if (noise.history_runs() < 2) {
    comparison.notes.push_back(fmt::format(
        "no history of these benchmarks on this machine: runs of identical code are assumed to "
        "drift ±{:.1f}% apart, so only changes beyond the MDE column can be told; `benchctl "
        "calibrate SUITE` measures this machine's drift, and several runs a side or `benchctl ab` "
        "narrow the intervals",
        spread * 100));
    return;
  }
  comparison.notes.push_back(fmt::format(
      "{} of {} benchmarks have no history on this machine: their run-to-run drift is taken "
      "from the machine's other benchmarks (±{:.1f}%)",
      without, compared, spread * 100));
}

}  // namespace

// Regressions first, then the geometric means of the final readings.
void order_and_summarise(RunComparison& comparison) {
  comparison.geometric_means = geometric_means(comparison.benchmarks);
  std::stable_sort(comparison.benchmarks.begin(), comparison.benchmarks.end(),
                   [](const BenchmarkComparison& a, const BenchmarkComparison& b) {
                     if (severity(a) != severity(b))
                       return severity(a) < severity(b);
                     return a.name < b.name;
                   });
}

// Statistics across every sampled benchmark at once (Benjamini-Hochberg needs all p-values),
// then regressions first.
void decide_and_sort(RunComparison& comparison) {
  // Times are one family of tests and instruction counts another.
  std::vector<stats::SampleComparison*> timed, counted;
  std::vector<stats::Policy> time_policies, count_policies;
  for (BenchmarkComparison& c : comparison.benchmarks) {
    if (c.standing != Standing::compared)
      continue;
    if (c.unit == "time") {
      timed.push_back(&c.result);
      time_policies.push_back(c.policy);
    } else if (c.unit == "instructions") {
      counted.push_back(&c.result);
      count_policies.push_back(stats::instruction_policy(c.policy));
    }
    if (c.instructions) {
      counted.push_back(&*c.instructions);
      count_policies.push_back(stats::instruction_policy(c.policy));
    }
  }
  stats::decide(timed, time_policies);
  stats::decide(counted, count_policies);
  for (BenchmarkComparison& c : comparison.benchmarks)
    c.reading = combined_reading(c);
  order_and_summarise(comparison);
}

std::string to_string(Standing standing) {
  return util::name_of(kStandingNames, standing);
}

const std::vector<std::string>& compared_counters() {
  static const std::vector<std::string> counters = {"size_bytes", "ll_misses"};
  return counters;
}

bool is_calibration(const std::string& benchmark) {
  return benchmark.starts_with("calibration/");
}

bool MachineShift::confirmed() const {
  if (!calibration_ratio)
    return false;
  return median_ratio < 1 ? *calibration_ratio < 1 : *calibration_ratio > 1;
}

int RunComparison::count(stats::Verdict verdict) const {
  return static_cast<int>(
      std::count_if(benchmarks.begin(), benchmarks.end(), [&](const BenchmarkComparison& c) {
        return c.standing == Standing::compared && c.final_verdict() == verdict;
      }));
}

int RunComparison::count(Standing standing) const {
  return static_cast<int>(
      std::count_if(benchmarks.begin(), benchmarks.end(),
                    [&](const BenchmarkComparison& c) { return c.standing == standing; }));
}

RunComparison compare_runs(const std::vector<store::RunRecord>& baseline,
                           const std::string& baseline_reference,
                           const std::vector<store::RunRecord>& current,
                           const std::string& current_reference,
                           const std::optional<std::regex>& filter, const NoiseModel& noise) {
  RunComparison comparison;
  comparison.baseline = side_of(baseline, baseline_reference);
  comparison.current = side_of(current, current_reference);
  comparison.environment_differences = environment_differences(baseline.back(), current.back());

  match_by_name(comparison, baseline, current, filter,
                [&](BenchmarkComparison& c, const SideResults& before, const SideResults& after) {
                  compare_one(c, before, after, noise);
                });
  comparison.common_move =
      weigh_common_move(comparison.benchmarks, noise, busy_machine(baseline, current));

  decide_and_sort(comparison);
  note_history(comparison, noise);
  comparison.shift = machine_shift(comparison.benchmarks);
  return comparison;
}

bool BenchmarkComparison::flagged() const {
  return standing == Standing::compared &&
         (result.verdict == stats::Verdict::slower || result.verdict == stats::Verdict::regression);
}

stats::Verdict BenchmarkComparison::final_verdict() const {
  return paired && paired->measured() ? paired->paired.verdict : result.verdict;
}

}  // namespace benchctl::analysis
