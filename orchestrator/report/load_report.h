// Load tests in reports: one row per load test (target and achieved rate, success, latency
// percentiles per request, late and dropped requests, recovery, RSS slope, degradation), and the
// per-second series of each (`benchctl show RUN --seconds`, and the JSON of a run).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "analysis/analysed_run.h"
#include "analysis/load_figures.h"
#include "report/format.h"
#include "report/table.h"
#include "store/records.h"

namespace benchctl::report {

// Empty when the run has no load test.
Table load_table(const analysis::AnalysedRun& run);
// Every second of every load test's processes.
Table load_seconds_table(const analysis::AnalysedRun& run);

// A load test's figures and its seconds, as the run's JSON holds them under "load".
nlohmann::json load_json(const analysis::LoadFigures& figures);

// The seconds in `format` (JSON: each load test's name and seconds).
std::string render_load_seconds(const analysis::AnalysedRun& run, Format format);

}  // namespace benchctl::report
