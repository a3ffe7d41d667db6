// `benchctl history`: each benchmark's series on one machine and the change points in it, as a
// terminal summary, Markdown (the nightly digest), JSON ("benchctl.history/1": every point) or CSV
// (one line per benchmark and run).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/history.h"
#include "report/format.h"

namespace benchctl::report {

std::string render_history(const analysis::History& history, Format format, const Style& style);
nlohmann::json history_json(const analysis::History& history);
// The change points of a history written as JSON earlier; InputError naming `source` when it is
// not one.
std::vector<analysis::KnownChangePoint> known_change_points(const nlohmann::json& json,
                                                            const std::string& source);

}  // namespace benchctl::report
