// One self-contained HTML page of a run, a comparison or a history. The page holds its data as
// JSON (benchctl.html/1: the run, comparison and history JSON of the other formats, plus each
// benchmark's per-process figures) and draws it in the browser with the embedded Chart.js and
// report/html/report.js; it needs no network. Every name reaches the page as data, never as
// markup, and the data cannot close its script element.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/analysed_run.h"
#include "analysis/budgets.h"
#include "analysis/comparison.h"
#include "analysis/history.h"
#include "analysis/profile.h"
#include "store/records.h"

namespace benchctl::report {

// The data part of a run's page.
nlohmann::json html_run_data(const analysis::AnalysedRun& run);
// Of a comparison's; `run` (with its budgets) when a run was compared as it finished
// (run --baseline).
nlohmann::json html_comparison_data(const analysis::RunComparison& comparison,
                                    const analysis::AnalysedRun* run);
// Of profiles' (benchctl profile): a flame graph each, differential against another build.
nlohmann::json html_profile_data(const std::vector<analysis::BenchmarkProfile>& profiles);
// Of a history's.
nlohmann::json html_history_data(const analysis::History& history);

// The page around `data`; `generated_at` is shown as the time it was written.
std::string render_html(nlohmann::json data, const std::string& generated_at);

// JSON text that can stand inside a <script> element: '<', '>' and '&' written as \u escapes
// (so "</script>" and "<!--" cannot occur), every other non-ASCII character escaped too.
std::string script_safe_json(const nlohmann::json& data);

}  // namespace benchctl::report
