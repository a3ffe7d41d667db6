#include "cli/report_output.h"

#include <unistd.h>

#include <fmt/format.h>
#include <chrono>
#include <iostream>

#include "analysis/analysed_run.h"
#include "cli/gate.h"
#include "report/html_report.h"
#include "report/junit.h"
#include "report/run_report.h"
#include "util/process_info.h"

namespace benchctl::cli {

namespace po = boost::program_options;

report::Format OutputOptions::parsed_format() const {
  return report::parse_format(format);
}

void add_output_options(po::options_description& options, OutputOptions& output, bool with_html) {
  options.add_options()("format", po::value(&output.format)->value_name("FORMAT"),
                        with_html ? "table (default), markdown, json, csv or html"
                                  : "table (default), markdown, json or csv")(
      "output", po::value(&output.output)->value_name("FILE"),
      with_html ? "write the report to FILE (default: stdout; html on a terminal: a file next to "
                  "the database)"
                : "write the report to FILE (default: stdout)");
}

void add_report_options(po::options_description& options, ReportOptions& report) {
  add_output_options(options, report, true);
  options.add_options()("junit", po::value(&report.junit)->value_name("FILE"),
                        "also write JUnit XML for CI")(
      "fail-on", po::value(&report.fail_on)->value_name("GATES"),
      "what makes the exit code non-zero: regression,slower,inconclusive,budget,soft-budget,"
      "failure or none (default regression,budget,failure)");
}

namespace {

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

std::string html_report(const analysis::AnalysedRun* run,
                        const analysis::RunComparison* comparison) {
  const std::string now = util::utc_timestamp(std::chrono::system_clock::now());
  if (comparison == nullptr)
    return report::render_html(report::html_run_data(*run), now);
  return report::render_html(report::html_comparison_data(*comparison, run), now);
}

std::string html_name(const store::RunRecord* run, const analysis::RunComparison* comparison) {
  if (comparison == nullptr)
    return fmt::format("benchctl-run-{}.html", run->id);
  return fmt::format("benchctl-compare-{}-{}.html", comparison->baseline.run_ids.back(),
                     comparison->current.run_ids.back());
}

}  // namespace

void check_report_options(const ReportOptions& report) {
  if (!report.html())
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

int emit_report(const analysis::AnalysedRun* analysed, const analysis::RunComparison* comparison,
                const ReportOptions& options, const std::filesystem::path& database) {
  const Gates gates = parse_gates(options.fail_on);
  const store::RunRecord* run = analysed != nullptr ? &analysed->run : nullptr;
  const std::vector<analysis::BudgetJudgment> no_budgets;
  const std::vector<analysis::BudgetJudgment>& budgets =
      analysed != nullptr ? analysed->budgets : no_budgets;
  if (options.html()) {
    deliver_report(html_report(analysed, comparison), options.output, true, database,
                   html_name(run, comparison));
    return finish_report(run, comparison, budgets, gates, options);
  }
  const report::Format format = report::parse_format(options.format);
  const report::Style style = format == report::Format::table && options.output.empty()
                                  ? report::Style::for_stdout()
                                  : report::Style{};
  deliver_report(report::render_report(analysed, comparison, format, style), options.output, false,
                 database, "");
  return finish_report(run, comparison, budgets, gates, options);
}

}  // namespace benchctl::cli
