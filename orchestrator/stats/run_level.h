// Comparing runs when whole runs vary, not only the processes inside them.
//
// On a shared machine the processes of one run share its moment (steal time, neighbours,
// frequency and cache state), so a run's median moves from run to run by more than the spread
// of its processes predicts. The model, for the log of each process's figure x (a median time
// per operation):
//
//     log x[r][p] = level(side) + u[r] + e[r][p],    u ~ N(0, σ_run²),  e ~ N(0, σ_proc²)
//
// A run's level is the median of its processes' logs, with variance σ_run² + c σ_proc² / n
// (c = π/2 for the median of n ≥ 3, 1 below). A side's level is the mean of its runs' levels.
// The difference of the two sides is judged with a t test whose standard error holds both
// components; σ_run² comes from a prior (history, or a default) pooled with the spread between
// the runs of each side when a side has several, and the degrees of freedom follow
// Welch-Satterthwaite. With one run a side, σ_run² cannot be seen in the data at all: only the
// prior says how far two runs of identical code drift apart.
#pragma once

#include <vector>

#include "stats/bootstrap.h"

namespace benchctl::stats {

// Between-run variance of log figures, with the degrees of freedom of its estimate.
struct RunNoise {
  double variance = 0;
  double df = 0;
};

// Pools estimates of one variance, each weighted by its degrees of freedom.
RunNoise pool(const std::vector<RunNoise>& estimates);

// One run's figures: the per-process values of one benchmark (positive).
using RunFigures = std::vector<double>;

struct RunLevelComparison {
  double before_level = 0;  // exp(mean of the side's run levels): a typical figure of the side
  double after_level = 0;
  double ratio = 1;  // after / before
  Interval interval;
  double p_value = 1;  // two-sided t test of the log ratio
  double df = 0;
  double standard_error = 0;      // of the log ratio
  double run_sd = 0;              // σ_run used, in log units (≈ a relative spread)
  double process_sd = 0;          // σ_proc pooled over both sides' runs
  double minimum_detectable = 0;  // relative change found at `alpha` with 80% power
  RunNoise run_noise;             // σ_run² used, pooled from the prior and the sides
  // The parts of the standard error: SE² = run_coefficient σ_run² + process_part, with the
  // degrees of freedom of the process spread's estimate.
  double run_coefficient = 0;
  double process_part = 0;
  double process_df = 0;
};

// Throws Error when a side has no run, a run has no value, or a value is not positive.
RunLevelComparison compare_run_levels(const std::vector<RunFigures>& before,
                                      const std::vector<RunFigures>& after, const RunNoise& prior,
                                      double confidence, double alpha);

// σ_run² from a series of runs of one benchmark in time order (its history on one machine), for
// two runs `lag` runs apart: a machine drifts slowly as well as from run to run, so runs far apart
// differ by more than consecutive ones. The estimate is the mean square of the differences
// between runs lag/2 to 2 lag apart, halved (an empirical variogram), so that a lasting step in
// the series (a real change) moves it by a few differences only; differences beyond three robust
// deviations are clipped, so that one odd night does not either. The process component each level
// carries is taken out. A lag beyond the series uses its longest lags. Fewer than two runs: no
// information (df 0).
RunNoise estimate_run_noise(const std::vector<RunFigures>& series, std::size_t lag = 1);

// The differences between levels `lag`/2 to 2 `lag` apart (a lag beyond the series: its longest),
// as estimate_run_noise reads them.
std::vector<double> level_differences(const std::vector<double>& levels, std::size_t lag);

// A run's level: the median of the logs of its figures. Throws Error for a run without figures or
// a figure that is not positive.
double run_level(const RunFigures& figures);

}  // namespace benchctl::stats
