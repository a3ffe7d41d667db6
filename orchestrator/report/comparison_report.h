// A comparison of two runs as a terminal table, Markdown (a PR comment: summary line, regressions
// first), JSON (schema "benchctl.compare/1", documented in docs/json.md) or CSV.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "analysis/comparison.h"
#include "report/format.h"

namespace benchctl::report {

std::string render_comparison(const analysis::RunComparison& comparison, Format format,
                              const Style& style);
nlohmann::json comparison_json(const analysis::RunComparison& comparison);
// "the machine was ~12% faster during the current side", with what supports it.
std::string shift_text(const analysis::MachineShift& shift);

}  // namespace benchctl::report
