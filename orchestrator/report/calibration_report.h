// `benchctl calibrate`'s answer: per benchmark, how far runs drift and what a comparison can see.
#pragma once

#include <string>

#include "analysis/calibration.h"
#include "report/format.h"

namespace benchctl::report {

std::string render_calibration(const analysis::Calibration& calibration, Format format);

}  // namespace benchctl::report
