// benchctl show RUN|latest: the summary table of a stored run.
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"

namespace benchctl::cli {

int show_verb(const Args& args) {
  CommonOptions common;
  ReportOptions report;
  std::string run;
  po::options_description options("show options");
  options.add_options()("run", po::value(&run)->required(), "a run id or 'latest'");
  add_db_option(options, common);
  add_report_options(options, report);
  po::positional_options_description positional;
  positional.add("run", 1);
  po::variables_map values;
  if (!parse_arguments("show", "benchctl show RUN|latest|BASELINE [--format FORMAT] [--db PATH]",
                       args, options, positional, values)) {
    return kExitOk;
  }
  check_report_options(report);
  auto store = open_store_for_reading(common);
  const store::RunRecord stored = store->load_run(resolve_run(run, *store));
  return emit_report(&stored, nullptr, report, database_path(common));
}

}  // namespace benchctl::cli
