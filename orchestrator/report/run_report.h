// The report of `run`, `show`, `baseline show` and `compare`: a run (with its budgets and
// complexity fits), a comparison, or a run compared as it finished, in one format. The CLI picks
// the format and where it goes; what the report holds, and in which order, is decided here.
#pragma once

#include <string>

#include "analysis/analysed_run.h"
#include "analysis/comparison.h"
#include "report/format.h"

namespace benchctl::report {

// At least one of `run` and `comparison`. JSON: schema "benchctl.report/1" with a run,
// "benchctl.compare/2" for a comparison alone (docs/json.md). Not HTML (report/html_report.h).
std::string render_report(const analysis::AnalysedRun* run,
                          const analysis::RunComparison* comparison, Format format,
                          const Style& style);

}  // namespace benchctl::report
