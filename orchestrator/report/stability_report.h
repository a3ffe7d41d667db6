// The stability table: Benchmark | Run a | Run b | ... | Mean | StdDev | CV | Assessment.
#pragma once

#include <string>

#include "analysis/stability.h"
#include "report/format.h"

namespace benchctl::report {

std::string render_stability(const analysis::Stability& stability, Format format);

}  // namespace benchctl::report
