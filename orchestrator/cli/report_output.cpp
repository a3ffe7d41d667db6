#include "cli/report_output.h"

#include <unistd.h>

#include <fmt/format.h>
#include <chrono>
#include <iostream>

#include "analysis/budgets.h"
#include "analysis/complexity.h"
#include "cli/gate.h"
#include "report/budget_report.h"
#include "report/comparison_report.h"
#include "report/complexity_report.h"
#include "report/html_report.h"
#include "report/junit.h"
#include "report/run_summary.h"
#include "util/process_info.h"

namespace benchctl::cli {

namespace po = boost::program_options;

void add_report_options(po::options_description& options, ReportOptions& report) {
  options.add_options()("format", po::value(&report.format)->value_name("FORMAT"),
                        "table (default), markdown, json, csv or html")(
      "output", po::value(&report.output)->value_name("FILE"),
      "write the report to FILE (default: stdout; html on a terminal: a file next to the "
      "database)")("junit", po::value(&report.junit)->value_name("FILE"),
                   "also write JUnit XML for CI")(
      "fail-on", po::value(&report.fail_on)->value_name("GATES"),
      "what makes the exit code non-zero: regression,slower,inconclusive,budget,soft-budget,"
      "failure or none "
      "(default regression,budget,failure)");
}

namespace {

bool is_html(const ReportOptions& report) {
  return report.format == "html";
}

// The JUnit file if asked, and the exit code the gates give.
int finish_report(const store::RunRecord* run, const analysis::RunComparison* comparison,
                  const std::vector<analysis::BudgetJudgment>& budgets, const Gates& gates,
                  const ReportOptions& options) {
  if (!options.junit.empty()) {
    const std::string suite = run != nullptr ? run->suite_name : comparison->current.suite;
    report::write_file(options.junit,
                       report::render_junit(suite, junit_cases(gates, run, comparison, budgets)));
  }
  return exit_code(gates, run, comparison, budgets);
}

std::string html_report(const store::RunRecord* run, const analysis::RunComparison* comparison,
                        const std::vector<analysis::BudgetJudgment>& budgets) {
  const std::string now = util::utc_timestamp(std::chrono::system_clock::now());
  if (comparison == nullptr)
    return report::render_html(report::html_run_data(*run, budgets), now);
  return report::render_html(report::html_comparison_data(*comparison, run, budgets), now);
}

std::string html_name(const store::RunRecord* run, const analysis::RunComparison* comparison) {
  if (comparison == nullptr)
    return fmt::format("benchctl-run-{}.html", run->id);
  return fmt::format("benchctl-compare-{}-{}.html", comparison->baseline.run_ids.back(),
                     comparison->current.run_ids.back());
}

}  // namespace

void check_report_options(const ReportOptions& report) {
  if (!is_html(report))
    report::parse_format(report.format);
  parse_gates(report.fail_on);
}

void deliver_report(const std::string& text, const std::string& output, bool html,
                    const std::filesystem::path& database, const std::string& name) {
  if (!output.empty()) {
    report::write_file(output, text);
  } else if (html && isatty(STDOUT_FILENO)) {
    // Next to a database file; in the working directory for a database on a server.
    const bool on_server = database.string().find("://") != std::string::npos;
    const std::filesystem::path path = (on_server ? "." : database.parent_path()) / name;
    report::write_file(path.string(), text);
    std::cerr << "Wrote " << path.string() << "\n";
  } else {
    std::cout << text << std::flush;
  }
}

int emit_report(const store::RunRecord* run, const analysis::RunComparison* comparison,
                const ReportOptions& options, const std::filesystem::path& database) {
  const Gates gates = parse_gates(options.fail_on);
  const std::vector<analysis::BudgetJudgment> budgets =
      run != nullptr ? analysis::judge_budgets(*run) : std::vector<analysis::BudgetJudgment>{};
  if (is_html(options)) {
    deliver_report(html_report(run, comparison, budgets), options.output, true, database,
                   html_name(run, comparison));
    return finish_report(run, comparison, budgets, gates, options);
  }
  const report::Format format = report::parse_format(options.format);
  const report::Style style = format == report::Format::table && options.output.empty()
                                  ? report::Style::for_stdout()
                                  : report::Style{};

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
  deliver_report(out, options.output, false, database, "");
  return finish_report(run, comparison, budgets, gates, options);
}

}  // namespace benchctl::cli
