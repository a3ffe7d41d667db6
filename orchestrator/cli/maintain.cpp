// benchctl maintain: what a nightly job does to keep its database small and fast.
#include <fmt/format.h>

#include <iostream>
#include <tuple>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "util/error.h"
#include "util/units.h"

namespace benchctl::cli {

int maintain_verb(const Args& args) {
  CommonOptions common;
  int retain_days = 0, retain_build_days = 0;
  po::options_description options("maintain options");
  options.add_options()("retain-samples", po::value(&retain_days)->value_name("DAYS"),
                        "delete the raw samples of runs older than DAYS days; every run keeps "
                        "its processes' medians, so it stays in histories and comparisons")(
      "retain-builds", po::value(&retain_build_days)->value_name("DAYS"),
      "delete the stored plugin files that no baseline and no run of the last DAYS days "
      "measured; such runs can then no longer be settled by pairs")(
      "vacuum", "rewrite the database file to its smallest size (slow on a large database)");
  add_db_option(options, common);
  po::variables_map values;
  if (!parse_arguments("maintain", "", args, options, {}, values))
    return kExitOk;
  store::MaintenanceRequest request;
  for (const auto& [option, days, field] :
       {std::tuple{"retain-samples", retain_days, &request.retain_sample_days},
        std::tuple{"retain-builds", retain_build_days, &request.retain_build_days}}) {
    if (values.count(option) == 0)
      continue;
    if (days < 1)
      throw UsageError(fmt::format("maintain --{} {}: expected at least 1 day", option, days));
    *field = days;
  }
  request.vacuum = values.count("vacuum") > 0;
  auto store = open_store_for_writing(common);
  const store::MaintenanceReport report = store->maintain(request);
  if (const auto days = request.retain_sample_days) {
    std::cout << fmt::format("Deleted {} samples of {} run{} older than {} day{}\n",
                             report.samples_deleted, report.runs_pruned,
                             report.runs_pruned == 1 ? "" : "s", *days, *days == 1 ? "" : "s");
  }
  if (const auto days = request.retain_build_days) {
    std::cout << fmt::format(
        "Deleted {} stored plugin file{} ({}) that no baseline and no run of the last {} day{} "
        "measured\n",
        report.build_files_deleted, report.build_files_deleted == 1 ? "" : "s",
        util::format_size(static_cast<double>(report.build_bytes_deleted)), *days,
        *days == 1 ? "" : "s");
  }
  std::cout << fmt::format("{}: {} before, {} after (WAL checkpointed, statistics updated)\n",
                           database_path(common).string(),
                           util::format_size(static_cast<double>(report.bytes_before)),
                           util::format_size(static_cast<double>(report.bytes_after)));
  return kExitOk;
}

}  // namespace benchctl::cli
