// The output options every verb that writes a report shares (--format, --output), those that
// gate add (--junit, --fail-on), and printing a run, its budgets and a comparison in the chosen
// format.
#pragma once

#include <boost/program_options.hpp>

#include <filesystem>
#include <string>

#include "analysis/analysed_run.h"
#include "analysis/comparison.h"
#include "report/format.h"
#include "store/records.h"

namespace benchctl::cli {

struct OutputOptions {
  std::string format = "table";  // or html where the verb draws a page (report/html_report.h)
  std::string output;            // a file instead of stdout

  // The format of a text report; UsageError for another (html has its own renderer).
  report::Format parsed_format() const;
  bool html() const { return format == "html"; }
};

// --format (table, markdown, json, csv, and html `with_html`) and --output.
void add_output_options(boost::program_options::options_description& options, OutputOptions& output,
                        bool with_html);

// The output options of the verbs that gate: --junit and --fail-on too.
struct ReportOptions : OutputOptions {
  std::string junit;
  std::string fail_on = "regression,budget,failure";
};

void add_report_options(boost::program_options::options_description& options,
                        ReportOptions& report);

// Checks the options before anything runs: throws UsageError for a bad format or gate.
void check_report_options(const ReportOptions& report);

// Prints what is given (an analysed run, a comparison, or both) where deliver_report puts it,
// writes the JUnit file if asked, and returns the exit code the gates give.
int emit_report(const analysis::AnalysedRun* run, const analysis::RunComparison* comparison,
                const ReportOptions& report, const std::filesystem::path& database);

// Writes a rendered report to `output` when given, else to stdout, except an HTML page with
// stdout on a terminal: it goes to the file `name` next to the database, its path on stderr.
void deliver_report(const std::string& text, const std::string& output, bool html,
                    const std::filesystem::path& database, const std::string& name);

}  // namespace benchctl::cli
