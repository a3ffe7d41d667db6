// The output options run, show and compare share (--format, --junit, --fail-on), and printing a
// run, its budgets and a comparison in the chosen format.
#pragma once

#include <boost/program_options.hpp>

#include <string>

#include "analysis/comparison.h"
#include "store/records.h"

namespace benchctl::cli {

struct ReportOptions {
  std::string format = "table";
  std::string junit;
  std::string fail_on = "regression,budget,failure";
};

void add_report_options(boost::program_options::options_description& options,
                        ReportOptions& report);

// Checks the options before anything runs: throws UsageError for a bad format or gate.
void check_report_options(const ReportOptions& report);

// Prints what is given (a run with its budgets, a comparison, or both) to stdout, writes the
// JUnit file if asked, and returns the exit code the gates give.
int emit_report(const store::RunRecord* run, const analysis::RunComparison* comparison,
                const ReportOptions& report);

}  // namespace benchctl::cli
