// benchctl maintain: what a nightly job does to keep its database small and fast.
#include <fmt/format.h>

#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "util/error.h"
#include "util/units.h"

namespace benchctl::cli {

int maintain_verb(const Args& args) {
  CommonOptions common;
  int retain_days = 0;
  po::options_description options("maintain options");
  options.add_options()("retain-samples", po::value(&retain_days)->value_name("DAYS"),
                        "delete the raw samples of runs older than DAYS days; every run keeps "
                        "its processes' medians, so it stays in histories and comparisons")(
      "vacuum", "rewrite the database file to its smallest size (slow on a large database)");
  add_db_option(options, common);
  po::positional_options_description positional;
  po::variables_map values;
  if (!parse_arguments("maintain",
                       "benchctl maintain [--retain-samples DAYS] [--vacuum] [--db PATH]", args,
                       options, positional, values))
    return kExitOk;
  std::optional<int> retain;
  if (values.count("retain-samples")) {
    if (retain_days < 1) {
      throw UsageError(
          fmt::format("maintain --retain-samples {}: expected at least 1 day", retain_days));
    }
    retain = retain_days;
  }
  auto store = open_store_for_writing(common);
  const store::MaintenanceReport report = store->maintain(retain, values.count("vacuum") > 0);
  if (retain) {
    std::cout << fmt::format("Deleted {} samples of {} run{} older than {} day{}\n",
                             report.samples_deleted, report.runs_pruned,
                             report.runs_pruned == 1 ? "" : "s", *retain, *retain == 1 ? "" : "s");
  }
  std::cout << fmt::format("{}: {} before, {} after (WAL checkpointed, statistics updated)\n",
                           database_path(common).string(),
                           util::format_size(static_cast<double>(report.bytes_before)),
                           util::format_size(static_cast<double>(report.bytes_after)));
  return kExitOk;
}

}  // namespace benchctl::cli
