// A stored run as `benchctl run` prints it at the end and `benchctl show` prints it later: a
// header, one row per benchmark (median, p95, p99, CV, throughput, peak RSS, processes ×
// repetitions, status), then each failure with its reason and the last lines its process printed.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/analysed_run.h"
#include "report/format.h"
#include "store/records.h"

namespace benchctl::report {

std::string render_run(const analysis::AnalysedRun& run, Format format, const Style& style);
// Schema "benchctl.run/1": the run, its environment and each result's figures (docs/json.md).
nlohmann::json run_json(const analysis::AnalysedRun& run);

// The list of runs, as `benchctl runs` prints it.
std::string render_run_list(const std::vector<store::RunRecord>& runs);

}  // namespace benchctl::report
