// The suite's common move between the two sides of a stored comparison, weighed into each timed
// benchmark's p-value and interval before the verdicts (stats/common_move.h): a move most of the
// suite made together may be the machine's, and is the code's only when it is beyond what the
// machine's history shows. A side that ran on a busy machine (its processes waited for a CPU, or
// the hypervisor stole it) convicts no move its disturbance could have made.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/noise_model.h"
#include "store/records.h"

namespace benchctl::analysis {

struct BenchmarkComparison;

struct CommonMove {
  double ratio = 1;       // exp of the median log ratio of the timed benchmarks
  int benchmarks = 0;     // timed benchmarks it is the median of
  double p_machine = 1;   // how likely the machine alone moves its runs this far
  int history_moves = 0;  // the history's moves it was judged against
  std::string busy;       // which side ran on a busy machine, when one did
};

// Why one side's timings convict nothing: "run 47 ran on a busy machine (...)", or empty. Waiting
// for a CPU disturbs wall time only; time the hypervisor stole, both.
struct BusySide {
  std::string wall_time;
  std::string cpu_time;
  const std::string& judging(bool cpu) const { return cpu ? cpu_time : wall_time; }
};

// A disturbance only ever slows the runs it falls on: a busy baseline can fake an improvement but
// only hide a slowdown, a busy current the other way round.
struct BusyMachine {
  BusySide baseline;
  BusySide current;
  // Why a move by `ratio` (current over baseline) convicts nothing, or empty.
  const std::string& explaining(double ratio, bool cpu) const {
    return (ratio > 1 ? current : baseline).judging(cpu);
  }
};

// Lays the common move over each compared, timed benchmark's p-value and interval; nothing when
// no benchmark was timed on both sides.
std::optional<CommonMove> weigh_common_move(std::vector<BenchmarkComparison>& benchmarks,
                                            const NoiseModel& noise, const BusyMachine& busy);

// A side ran on a busy machine when the typical process of one of its runs waited for a CPU a
// quarter of its time or more, or had 5% of the machine's CPU stolen.
BusyMachine busy_machine(const std::vector<store::RunRecord>& baseline,
                         const std::vector<store::RunRecord>& current);

}  // namespace benchctl::analysis
