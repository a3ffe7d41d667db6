// The suite's common move between the two sides of a stored comparison, weighed into each timed
// benchmark's p-value and interval before the verdicts (stats/common_move.h): a move most of the
// suite made together may be the machine's, and is the code's only when it is beyond what the
// machine's history shows. A side that ran on a busy machine (its processes waited for a CPU, or
// the hypervisor stole it) cannot convict a common move at all.
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

// Why a side's timings convict nothing: "run 47 ran on a busy machine (...)", or empty. Waiting
// for a CPU disturbs wall time only; time the hypervisor stole, both.
struct BusyMachine {
  std::string wall_time;
  std::string cpu_time;
  const std::string& judging(bool cpu) const { return cpu ? cpu_time : wall_time; }
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
