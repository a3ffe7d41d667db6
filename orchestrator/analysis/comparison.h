// Comparing two sides, each one or several stored runs, benchmark by benchmark, matched by name
// whatever suite each came from. Every benchmark of either side appears in the result: compared,
// or with the reason it was not. Runs are the top level of the statistics: a side of several runs
// shows how far its runs drift apart, and the noise model (analysis/noise_model.h) says how far
// runs of this machine drift where a side cannot show it.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "analysis/common_move.h"
#include "analysis/geometric_mean.h"
#include "analysis/noise_model.h"
#include "analysis/profile.h"
#include "stats/verdict.h"
#include "store/records.h"

namespace benchctl::analysis {

// Which side of a comparison a set of runs is, as the user named it.
struct Side {
  std::vector<std::int64_t> run_ids;  // oldest first
  std::string reference;              // "phase10-final", "run 12", "runs 12, 13, 14"
  std::string suite;                  // of the newest run
  std::string started_at;
  std::string commit;
  std::vector<std::string> machines;  // "host (CPU model)" of its runs, each once
};

enum class Standing {
  compared,            // both sides measured it
  only_in_baseline,    // the newer side does not have it
  only_in_current,     // the baseline does not have it
  failed_in_baseline,  // one side failed to measure it in every run
  failed_in_current,
};
std::string to_string(Standing standing);

// What measuring a benchmark again by pairs said (compare --resolve, --confirm-with): an A/B of
// the baseline's build against the current build on this machine now, processes side by side so
// that the machine's drift cancels. Where it measured, its verdict is the one the gate uses.
struct PairedReading {
  stats::SampleComparison paired;  // the A/B's figures, when it measured the benchmark
  std::string missing;             // why it could not be measured, otherwise
  bool measured() const { return missing.empty(); }
};

// How a comparison was settled by pairs: which builds, which runs of the A/B, what it cost.
struct Settlement {
  std::string baseline_build, current_build;  // how the builds are named
  bool identical_builds = false;              // the same plugin files on both sides
  std::int64_t run_a = 0, run_b = 0;          // the A/B's two runs; 0 when nothing was measured
  int benchmarks = 0;                         // measured again
  std::size_t pairs = 0;                      // over all of them
  double seconds = 0;                         // of measuring
};

struct BenchmarkComparison {
  std::string name;
  store::ResultKind kind = store::ResultKind::benchmark;
  Standing standing = Standing::compared;
  stats::Policy policy;
  stats::SampleComparison result;  // when compared
  // "time" (seconds per operation), "size" (bytes), or "instructions" (per iteration, when the
  // benchmark counted instructions and was not timed)
  std::string unit = "time";
  // The per-process figures compared, each side's runs one after another (pair by pair for an
  // A/B), in `unit`: what a report plots as the two sides' distributions.
  std::vector<double> baseline_figures, current_figures;
  // When both sides also counted instructions: their comparison (stats::instruction_policy), the
  // change of last-level cache misses per iteration (with the cache simulation), and what time
  // and instructions say together.
  std::optional<stats::SampleComparison> instructions;
  std::optional<double> cache_miss_ratio;
  // When both sides counted allocations: an iteration's allocations, exact (before_median and
  // after_median the counts; an infinite ratio from none to some), on the policy of exact counts.
  std::optional<stats::SampleComparison> allocations;
  std::string reading;
  int history_runs = 0;  // runs of this benchmark's history behind its noise estimate
  // The run-level model behind a timed `result` (stats/run_level.h), before the suite's common
  // move is weighed (analysis/common_move.h).
  std::optional<stats::RunLevelComparison> levels;
  std::optional<PairedReading> paired;

  // The stored comparison flagged it ⚠️ or ❌.
  bool flagged() const;
  // The verdict gates and summaries use: the paired reading's where it measured, else the
  // comparison's.
  stats::Verdict final_verdict() const;
};

// Most benchmarks must agree, among at least this many, for a shift of the machine to be named.
constexpr int kShiftMinimum = 5;
constexpr double kShiftAgreement = 0.75;

// Most benchmarks moved the same way: the machine, more likely than the code, changed between
// the sides. Reported, never divided out (different kinds of work drift by different amounts).
struct MachineShift {
  double median_ratio = 1;  // over the compared timed benchmarks
  int agreeing = 0;         // how many moved that way beyond the noise floor
  int compared = 0;
  std::string calibration;  // a calibration benchmark both sides measured, if any
  std::optional<double> calibration_ratio;
  bool confirmed() const;  // the calibration benchmark moved the same way
};

struct RunComparison {
  Side baseline;
  Side current;
  std::vector<std::string> environment_differences;  // "cores: 2 → 4"
  std::vector<std::string> notes;                    // what limits the verdicts, such as no history
  std::optional<MachineShift> shift;
  std::optional<CommonMove> common_move;        // of a stored comparison's timed benchmarks
  bool paired = false;                          // the two runs of one A/B, compared pair by pair
  std::optional<Settlement> settlement;         // when benchmarks were measured again by pairs
  std::vector<BenchmarkComparison> benchmarks;  // regressions first, then by name
  std::vector<GeometricMean> geometric_means;   // overall, then per plugin
  // compare --profile: each confirmed regression profiled on both builds.
  std::vector<BenchmarkProfile> profiles;

  // Compared benchmarks whose final verdict is `verdict`.
  int count(stats::Verdict verdict) const;
  int count(Standing standing) const;
  // The sides ran on different machines: the comparison measures the machines as much as the
  // code, and `compare` gates on it only with --cross-machine.
  bool cross_machine() const { return baseline.machines != current.machines; }
};

// Compares `current` against `baseline` (each one or more runs, oldest first). `filter`
// (searched in names) narrows both sides; `noise` gives each benchmark's run-to-run prior.
RunComparison compare_runs(const std::vector<store::RunRecord>& baseline,
                           const std::string& baseline_reference,
                           const std::vector<store::RunRecord>& current,
                           const std::string& current_reference,
                           const std::optional<std::regex>& filter, const NoiseModel& noise);

// The two runs of an A/B (store::AbLink), compared pair by pair: process k of `before` with
// process k of `after` (stats::compare_paired, the error rate spent over the A/B's looks).
RunComparison compare_pairs(const store::RunRecord& before, const std::string& before_reference,
                            const store::RunRecord& after, const std::string& after_reference,
                            const std::optional<std::regex>& filter);

// Lays `ab` (an A/B of the baseline's build against the current build) over the benchmarks of
// `comparison` named in `settled`: each gets its paired reading, or why the A/B lacks it.
void apply_pairs(RunComparison& comparison, const RunComparison& ab,
                 const std::vector<std::string>& settled);

// Whether two runs are the two sides of one A/B.
bool paired(const store::RunRecord& a, const store::RunRecord& b);

// The counters a comparison compares (file sizes, last-level cache misses): all a stored
// comparison reads of its runs' counters.
const std::vector<std::string>& compared_counters();

// The calibration benchmarks (plugins/calibration) measure the machine, not the code.
bool is_calibration(const std::string& benchmark);

}  // namespace benchctl::analysis
