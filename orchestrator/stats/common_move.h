// Whole-run moves. On a shared machine every benchmark of a run now and then moves together: a
// neighbour's load, the host's clock, a busy hour. Measured on the project's 2-core VM, a compile
// on the other core moved all five benchmarks of an experiment suite by +60-70% for eight runs in
// a row, each by nearly the same amount. Two stored runs cannot tell such a move from a change
// common to the code; only its size, against the moves this machine's own history shows, can.
//
// So a benchmark's log ratio D is read two ways: in total, against the run-level noise of its
// history (stats/run_level.h); and relative to the suite's common move C (the median of the
// suite's log ratios), D - C against its noise relative to the suite's level in its history. A
// benchmark has changed only when its total move is significant, and either its move beyond the
// suite's is too, or the suite's common move is beyond what the machine's history shows:
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

// A benchmark's move beyond the suite's common move `common_shift` (log units, estimated with
// variance `common_variance`): its total comparison's process part, with `relative_prior` as the
// run-to-run variance of the benchmark relative to its suite.
MoveTest relative_move(const RunLevelComparison& total, double common_shift, double common_variance,
                       const RunNoise& relative_prior, double confidence);

// How likely this machine alone moves a suite's common level by |shift| (log units) between two
// runs, from the moves its history shows between runs as far apart (`history_moves`): the larger
// of a normal tail with their root mean square (every past move counts, the largest too) and their
// empirical tail, (1 + moves at least as large) / (n + 1); beyond the largest move seen, that tail
// falls as the square of the ratio (a heavy tail, not a normal one). Without history, a t test of
// the move against `fallback`, the run-to-run variance assumed of every run.
double machine_move_p_value(double shift, const std::vector<double>& history_moves,
                            const RunNoise& fallback);

}  // namespace benchctl::stats
