// benchctl runs: the stored runs, newest first; --machine keeps one runner's.
#include <iostream>
#include <limits>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "report/run_summary.h"
#include "util/error.h"

namespace benchctl::cli {

int runs_verb(const Args& args) {
  CommonOptions common;
  int limit = 20;
  std::string machine;
  po::options_description options("runs options");
  options.add_options()("limit", po::value(&limit)->value_name("N"),
                        "how many runs to show (default 20)")(
      "machine", po::value(&machine)->value_name("HOST"),
      "only the runs of this machine (its host name, or its machine class)");
  add_db_option(options, common);
  po::variables_map values;
  if (!parse_arguments("runs", "", args, options, {}, values))
    return kExitOk;
  if (limit < 1)
    throw UsageError("runs: --limit must be at least 1");
  auto store = open_store_for_reading(common);
  std::vector<store::RunRecord> runs =
      store->list_runs(machine.empty() ? limit : std::numeric_limits<int>::max());
  if (!machine.empty()) {
    std::erase_if(runs, [&](const store::RunRecord& run) {
      return run.environment.series().host != machine;
    });
    if (runs.size() > static_cast<std::size_t>(limit))
      runs.resize(static_cast<std::size_t>(limit));
  }
  std::cout << report::render_run_list(runs);
  return kExitOk;
}

}  // namespace benchctl::cli
