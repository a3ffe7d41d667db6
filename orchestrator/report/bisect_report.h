// `benchctl bisect`: the commit at which the benchmarks moved, its subject and the change the
// paired A/B against its parent confirmed, and every commit probed (terminal, Markdown, CSV of
// the probes, JSON "benchctl.bisect/1").
#pragma once

#include <string>
#include <vector>

#include "report/format.h"
#include "workflow/bisect.h"

namespace benchctl::report {

// One benchmark of the A/B of the culprit against its parent.
struct ConfirmedChange {
  std::string benchmark;
  std::string verdict;
  double ratio = 1, low = 1, high = 1;
  // Its interval lies beyond no change, the way the bisected figures moved.
  bool confirmed = false;
};

struct BisectReport {
  workflow::BisectResult result;
  std::string subject;   // of the culprit
  std::string measured;  // "instructions" or "CPU time"
  std::vector<ConfirmedChange> confirmed;
  std::string not_confirmed;  // why there is no A/B, when there is none
};

std::string render_bisect(const BisectReport& report, Format format);

}  // namespace benchctl::report
