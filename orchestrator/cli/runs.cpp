// benchctl runs: the stored runs, newest first.
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "report/run_summary.h"
#include "util/error.h"

namespace benchctl::cli {

int runs_verb(const Args& args) {
  CommonOptions common;
  int limit = 20;
  po::options_description options("runs options");
  options.add_options()("limit", po::value(&limit)->value_name("N"),
                        "how many runs to show (default 20)");
  add_db_option(options, common);
  po::variables_map values;
  if (!parse_arguments("runs", "benchctl runs [--limit N] [--db PATH]", args, options, {}, values))
    return kExitOk;
  if (limit < 1)
    throw UsageError("runs: --limit must be at least 1");
  auto store = open_store_for_reading(common);
  std::cout << report::render_run_list(store->list_runs(limit));
  return kExitOk;
}

}  // namespace benchctl::cli
