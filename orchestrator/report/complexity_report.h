// The complexity fits of a run's benchmark families: Family | Sizes | Fit | RMS.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/complexity.h"
#include "report/format.h"

namespace benchctl::report {

std::string render_complexity(const std::vector<analysis::ComplexityFit>& fits, Format format);
nlohmann::json complexity_json(const std::vector<analysis::ComplexityFit>& fits);

}  // namespace benchctl::report
