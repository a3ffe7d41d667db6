// Whole-run moves. On a shared machine every benchmark of a run now and then moves together: a
// neighbour's load, the host's clock, a busy hour. Measured on the project's 2-core VM, a compile
// on the other core moved all five benchmarks of an experiment suite by +60-70% for eight runs in
// a row, each by nearly the same amount. Two stored runs cannot tell such a move from a change
// common to the code; only its size, against the moves this machine's own history shows, can.
//
// So a benchmark's log ratio D is read two ways: in total, against its run-level noise outside
// whole-run moves (its noise relative to its suite, plus the suite's quiet drift); and relative to
// the suite's common move C (the median of the suite's log ratios), D - C against its noise
// relative to the suite's level in its history. A benchmark has changed only when its total move
// is significant, and either its move beyond the suite's is too, or the suite's common move is
// beyond what the machine's history shows:
//
//     p = max(p_total, min(p_relative, p_machine))
//
// While the common move may be the machine's (p_machine ≥ alpha), the benchmark's interval spans
// both readings: all of C the machine's, and none of it.
#pragma once

#include <vector>

#include "stats/bootstrap.h"
#include "stats/run_level.h"

namespace benchctl::stats {

struct MoveTest {
  double log_ratio = 0;
  double standard_error = 0;
  double df = 0;
  double p_value = 1;
  Interval interval;  // of the ratio
};

// A log ratio of a comparison (`total`: its run coefficient and process part) judged with
// `run_prior` as its run-to-run variance, plus `extra_variance` known as such.
MoveTest move_test(double log_ratio, const RunLevelComparison& total, const RunNoise& run_prior,
                   double extra_variance, double confidence);

// A benchmark's move beyond the suite's common move `common_shift` (log units, estimated with
// variance `common_variance`), with `relative_prior` as the run-to-run variance of the benchmark
// relative to its suite.
MoveTest relative_move(const RunLevelComparison& total, double common_shift, double common_variance,
                       const RunNoise& relative_prior, double confidence);

// The run-to-run variance of a suite's common level when the machine is quiet: from the typical
// (median) size of its `moves` (log differences), which the few large ones barely move, with the
// degrees of freedom of `independent` moves' median.
RunNoise quiet_move_noise(const std::vector<double>& moves, double independent);

// How likely this machine alone moves a suite's common level by |shift| (log units) between two
// runs, from the moves its history shows between runs as far apart (`history_moves`, of which
// about `independent` are independent: overlapping differences share their runs): the larger of a
// normal tail with their root mean square (every past move counts, the largest too) and their
// empirical tail, (1 + the share of moves at least as large × n) / (n + 1) for n independent
// moves; beyond the largest move seen, that tail falls only in proportion to the move (a heavy
// tail: how far a machine can move, its history up to now cannot say). Without history, a t test
// of the move against `fallback`, the run-to-run variance assumed of every run.
double machine_move_p_value(double shift, const std::vector<double>& history_moves,
                            double independent, const RunNoise& fallback);

}  // namespace benchctl::stats
