// benchctl show RUN|latest: the summary table of a stored run.
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "report/run_summary.h"

namespace benchctl::cli {

int show_verb(const Args& args) {
  CommonOptions common;
  std::string run;
  po::options_description options("show options");
  options.add_options()("run", po::value(&run)->required(), "a run id or 'latest'");
  add_db_option(options, common);
  po::positional_options_description positional;
  positional.add("run", 1);
  po::variables_map values;
  if (!parse_arguments("show", "benchctl show RUN|latest [--db PATH]", args, options, positional,
                       values)) {
    return kExitOk;
  }
  auto store = open_store_for_reading(common);
  std::cout << report::render_run_summary(store->load_run(parse_run_reference(run, *store)));
  return kExitOk;
}

}  // namespace benchctl::cli
