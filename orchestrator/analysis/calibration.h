// What a machine lets a comparison see, per benchmark, after `benchctl calibrate` has measured
// identical runs of a suite: how far its runs drift apart, how far its processes spread, and the
// smallest change a comparison of one run a side, or three, could detect.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/noise_model.h"
#include "store/records.h"

namespace benchctl::analysis {

struct CalibrationRow {
  std::string name;
  int history_runs = 0;   // runs behind the estimate
  double run_spread = 0;  // run to run, log units (≈ relative)
  double process_spread = 0;
  double detectable_one_run = 0;  // relative change, at the policy's alpha with 80% power
  std::optional<double> detectable_three_runs;
};

struct Calibration {
  double machine_spread = 0;  // the machine's run-to-run spread, over its benchmarks
  std::vector<CalibrationRow> rows;
};

// `runs` are the identical runs just measured, oldest first; `noise` the model built from the
// machine's history including them.
Calibration calibrate(const std::vector<store::RunRecord>& runs, const NoiseModel& noise);

}  // namespace benchctl::analysis
