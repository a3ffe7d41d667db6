// A run as one table model (report/table.h): a row per result with its times, throughput, memory,
// samples and status, and the counts' columns when some result counted them. run_summary renders
// it in each format.
#pragma once

#include "analysis/analysed_run.h"
#include "report/format.h"
#include "report/table.h"

namespace benchctl::report {

// `per_operation` is set when a p95/p99 cell holds single operations, `per_request` when it holds
// a load test's requests.
Table run_table(const analysis::AnalysedRun& analysed, const Style& style, bool& per_operation,
                bool& per_request);

}  // namespace benchctl::report
