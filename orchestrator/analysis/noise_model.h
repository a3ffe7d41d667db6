// How far runs of identical code drift apart on one machine, per benchmark: the prior of the
// run-level component of every comparison (stats/run_level.h).
//
// Each benchmark's stored history on the machine (same host and CPU, the same measurement
// settings) gives an estimate with its degrees of freedom. The estimates of all benchmarks pool
// into a machine estimate, which starts from a conservative default worth kDefaultWeight runs;
// each benchmark's own estimate is laid over the machine's, which is worth kMachineWeight. So a
// new machine is judged by the default, a benchmark without history by its machine, and a
// benchmark with a long history by its own.
//
// Whole runs also move together (stats/common_move.h): each history run's common level is the
// median over the compared benchmarks of their levels less each one's usual level; the model keeps
// how far that common level moved between runs, and estimates each benchmark's noise relative to
// it the same way as its total noise.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "stats/run_level.h"
#include "store/records.h"

namespace benchctl::analysis {

// The run-to-run spread assumed where nothing is known: 5% (log units), the order measured
// between identical runs on a shared 2-core VM. Quiet machines learn a smaller one from their
// history (`benchctl calibrate`).
constexpr double kDefaultRunSpread = 0.05;
constexpr double kDefaultWeight = 10;  // degrees of freedom the default is worth
constexpr double kMachineWeight = 10;  // degrees of freedom the machine estimate is worth

// At most this many of a benchmark's newest stored runs are its history.
constexpr std::size_t kHistoryRuns = 50;
// A comparison reads twice as many of each benchmark's newest runs (and the compared ones): its
// history, and enough to count the runs between the compared ones as far as that count matters
// (estimate_run_noise treats any lag beyond twice the history alike). So a comparison costs the
// same after a year of nightly runs as after three months.
constexpr std::size_t kHistoryWindow = 2 * kHistoryRuns;

struct NoiseEstimate {
  stats::RunNoise prior;  // what a comparison starts from
  // The same, of the benchmark's level relative to its suite's common level in each run
  // (stats/common_move.h): what is left when whole-run moves are taken out.
  stats::RunNoise relative_prior;
  int history_runs = 0;  // runs of the benchmark's own history behind it
};

class NoiseModel {
 public:
  // The default alone: what a comparison knows without any history.
  NoiseModel();

  const NoiseEstimate& estimate(const std::string& benchmark) const;
  const stats::RunNoise& machine() const { return machine_; }
  int history_runs() const { return history_runs_; }  // runs of the largest history
  // How far the common level of the compared benchmarks moved between history runs as far apart
  // as the compared ones (log units): the machine's whole-run moves.
  const std::vector<double>& common_moves() const { return common_moves_; }
  // About how many of them are independent (overlapping differences share their runs).
  double independent_common_moves() const { return independent_common_moves_; }
  // The run-to-run variance of the common level when the machine is quiet (its moves' typical
  // size): with a benchmark's relative noise, its total noise outside whole-run moves.
  const stats::RunNoise& quiet_common() const { return quiet_common_; }

  // Builds the model from `history` for the benchmarks of `current` (a comparison's newer side,
  // whose settings and time policy the history must match), for comparing run `baseline_run`
  // with run `current_run` (the newest of each side): each benchmark's drift is taken at the lag
  // between them in its history, one more than the history runs between them. The history holds
  // no point of the compared runs themselves (HistoryQuery::left_out_runs).
  static NoiseModel from_history(const std::vector<store::HistoryPoint>& history,
                                 const std::vector<store::RunRecord>& current,
                                 std::int64_t baseline_run, std::int64_t current_run);

 private:
  stats::RunNoise machine_;
  std::vector<double> common_moves_;
  double independent_common_moves_ = 0;
  stats::RunNoise quiet_common_;
  NoiseEstimate fallback_;
  std::map<std::string, NoiseEstimate> benchmarks_;
  int history_runs_ = 0;
};

}  // namespace benchctl::analysis
