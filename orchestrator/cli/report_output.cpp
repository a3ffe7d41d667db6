#include "cli/report_output.h"

#include <iostream>

#include "analysis/budgets.h"
#include "analysis/complexity.h"
#include "cli/gate.h"
#include "report/budget_report.h"
#include "report/comparison_report.h"
#include "report/complexity_report.h"
#include "report/junit.h"
#include "report/run_summary.h"

namespace benchctl::cli {

namespace po = boost::program_options;

void add_report_options(po::options_description& options, ReportOptions& report) {
  options.add_options()("format", po::value(&report.format)->value_name("FORMAT"),
                        "table (default), markdown, json or csv")(
      "junit", po::value(&report.junit)->value_name("FILE"), "also write JUnit XML for CI")(
      "fail-on", po::value(&report.fail_on)->value_name("GATES"),
      "what makes the exit code non-zero: regression,slower,inconclusive,budget,soft-budget,"
      "failure or none "
      "(default regression,budget,failure)");
}

void check_report_options(const ReportOptions& report) {
  report::parse_format(report.format);
  parse_gates(report.fail_on);
}

int emit_report(const store::RunRecord* run, const analysis::RunComparison* comparison,
                const ReportOptions& options) {
  const report::Format format = report::parse_format(options.format);
  const Gates gates = parse_gates(options.fail_on);
  const report::Style style =
      format == report::Format::table ? report::Style::for_stdout() : report::Style{};
  const std::vector<analysis::BudgetJudgment> budgets =
      run != nullptr ? analysis::judge_budgets(*run) : std::vector<analysis::BudgetJudgment>{};

  std::string out;
  switch (format) {
    case report::Format::json: {
      if (run == nullptr) {
        out = report::comparison_json(*comparison).dump(2) + "\n";
        break;
      }
      nlohmann::json json = {{"schema", "benchctl.report/1"}, {"run", report::run_json(*run)}};
      json["budgets"] = report::budgets_json(budgets);
      json["complexity"] = report::complexity_json(analysis::fit_run_complexity(*run));
      json["comparison"] = comparison ? report::comparison_json(*comparison) : nlohmann::json();
      out = json.dump(2) + "\n";
      break;
    }
    case report::Format::csv:
      out = run != nullptr ? report::render_run(*run, format, style)
                           : report::render_comparison(*comparison, format, style);
      break;
    case report::Format::markdown:
      if (comparison)
        out += report::render_comparison(*comparison, format, style) + "\n";
      if (!budgets.empty())
        out += "### Budgets\n\n" + report::render_budgets(budgets, format, style) + "\n";
      if (run) {
        if (const std::string fits =
                report::render_complexity(analysis::fit_run_complexity(*run), format);
            !fits.empty()) {
          out += "### Complexity\n\n" + fits + "\n";
        }
      }
      if (run)
        out += report::render_run(*run, format, style);
      break;
    case report::Format::table:
      if (run)
        out += report::render_run(*run, format, style);
      if (!budgets.empty())
        out += "\nBudgets:\n" + report::render_budgets(budgets, format, style);
      if (run) {
        if (const std::string fits =
                report::render_complexity(analysis::fit_run_complexity(*run), format);
            !fits.empty()) {
          out += "\nComplexity across sizes:\n" + fits;
        }
      }
      if (comparison)
        out +=
            (run ? "\nComparison:\n" : "") + report::render_comparison(*comparison, format, style);
      break;
  }
  std::cout << out << std::flush;
  if (!options.junit.empty()) {
    const std::string suite = run != nullptr ? run->suite_name : comparison->current.suite;
    report::write_file(options.junit,
                       report::render_junit(suite, junit_cases(gates, run, comparison, budgets)));
  }
  return exit_code(gates, run, comparison, budgets);
}

}  // namespace benchctl::cli
