#include "report/run_report.h"

#include <nlohmann/json.hpp>

#include "report/budget_report.h"
#include "report/comparison_report.h"
#include "report/complexity_report.h"
#include "report/run_summary.h"

namespace benchctl::report {
namespace {

std::string json_report(const analysis::AnalysedRun* run,
                        const analysis::RunComparison* comparison) {
  if (run == nullptr)
    return comparison_json(*comparison).dump(2) + "\n";
  nlohmann::json json = {{"schema", "benchctl.report/1"}, {"run", run_json(*run)}};
  json["budgets"] = budgets_json(run->budgets);
  json["complexity"] = complexity_json(run->complexity);
  json["comparison"] = comparison ? comparison_json(*comparison) : nlohmann::json();
  return json.dump(2) + "\n";
}

// The comparison first: in a pull request or a job summary it is what the reader came for.
std::string markdown_report(const analysis::AnalysedRun* run,
                            const analysis::RunComparison* comparison, const Style& style) {
  std::string out;
  if (comparison)
    out += render_comparison(*comparison, Format::markdown, style) + "\n";
  if (run == nullptr)
    return out;
  if (!run->budgets.empty())
    out += "### Budgets\n\n" + render_budgets(run->budgets, Format::markdown, style) + "\n";
  if (const std::string fits = render_complexity(run->complexity, Format::markdown); !fits.empty())
    out += "### Complexity\n\n" + fits + "\n";
  return out + render_run(*run, Format::markdown, style);
}

// The run first, as it was measured, then what it was compared with.
std::string table_report(const analysis::AnalysedRun* run,
                         const analysis::RunComparison* comparison, const Style& style) {
  std::string out;
  if (run) {
    out += render_run(*run, Format::table, style);
    if (!run->budgets.empty())
      out += "\nBudgets:\n" + render_budgets(run->budgets, Format::table, style);
    if (const std::string fits = render_complexity(run->complexity, Format::table); !fits.empty())
      out += "\nComplexity across sizes:\n" + fits;
  }
  if (comparison)
    out += (run ? "\nComparison:\n" : "") + render_comparison(*comparison, Format::table, style);
  return out;
}

}  // namespace

std::string render_report(const analysis::AnalysedRun* run,
                          const analysis::RunComparison* comparison, Format format,
                          const Style& style) {
  switch (format) {
    case Format::json:
      return json_report(run, comparison);
    case Format::csv:
      return run != nullptr ? render_run(*run, format, style)
                            : render_comparison(*comparison, format, style);
    case Format::markdown:
      return markdown_report(run, comparison, style);
    case Format::table:
      return table_report(run, comparison, style);
  }
  return {};
}

}  // namespace benchctl::report
