// How stable each benchmark is across independent runs, as the phase-10 baseline document's
// stability table shows it: each run's median, then the mean, standard deviation and coefficient
// of variation across runs, with an assessment.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace benchctl::analysis {

enum class Assessment { very_stable, stable, noisy, unstable, incomplete };
std::string to_string(Assessment assessment);

struct StabilityRow {
  std::string name;
  std::string unit = "time";                   // "time" (seconds) or "size" (bytes)
  std::vector<std::optional<double>> medians;  // one per run; empty when the run lacks it
  double mean = 0, stddev = 0, cv = 0;         // across the runs that have it
  Assessment assessment = Assessment::incomplete;
};

struct Stability {
  std::vector<std::int64_t> run_ids;
  std::vector<StabilityRow> rows;  // in the first run's order, then the others' extra names
};

// CV under 1% is very stable, under 5% stable, under 10% noisy, else unstable; a benchmark
// missing or failed in any run is incomplete.
Stability analyse_stability(const std::vector<store::RunRecord>& runs);

}  // namespace benchctl::analysis
