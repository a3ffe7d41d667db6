// The levels a history's series are searched against: the machine's (the calibration
// benchmarks' median move in each run) and the suite's common level. Part of analyse_history.
#pragma once

#include "analysis/history.h"

namespace benchctl::analysis {

// With calibration benchmarks in the suite, each other benchmark's own figure (SeriesPoint::own)
// becomes its median relative to the machine's level in that run, and machine_corrected is set.
void correct_for_machine(History& history);

// Adds the suite's common level as a series of its own and each point's level relative to it
// (History::relative), when kCommonLevelMinimum benchmarks or more can be searched.
void add_common_level(History& history);

}  // namespace benchctl::analysis
