// Processes that ran while something else kept the machine busy: the hypervisor stole CPU time, or
// tasks waited for a CPU. Their figures may be off; reports name them beside the run (the
// statistics keep them: which processes to distrust is the reader's call).
#pragma once

#include "store/records.h"

namespace benchctl::analysis {

constexpr double kStealLimit = 0.02;     // of the machine's CPU time
constexpr double kPressureLimit = 0.10;  // of the process's wall time

bool disturbed(const store::ProcessConditions& conditions);

struct Disturbance {
  int processes = 0;  // with conditions recorded
  int disturbed = 0;
  double worst_steal = 0;
  double worst_pressure = 0;
};

Disturbance assess(const store::ResultRecord& result);
Disturbance assess(const store::RunRecord& run);

}  // namespace benchctl::analysis
