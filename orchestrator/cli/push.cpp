// benchctl push --to URL: copies the finished runs of a local database into another (a fleet's
// PostgreSQL database), each once: a run is known there by its UUID, so a runner that was offline
// pushes again and sends only what is missing.
#include <fmt/format.h>

#include <iostream>
#include <limits>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "util/error.h"

namespace benchctl::cli {

int push_verb(const Args& args) {
  CommonOptions common;
  std::string to;
  std::int64_t since = 0;
  po::options_description options("push options");
  options.add_options()("to", po::value(&to)->required()->value_name("URL"),
                        "the database to copy runs into: postgresql://user@host:port/db (the "
                        "password from PGPASSWORD, ~/.pgpass or a service file), or a file")(
      "since", po::value(&since)->value_name("RUN"),
      "only runs from this local run id on (default: every finished run)");
  add_db_option(options, common);
  po::variables_map values;
  if (!parse_arguments("push", "", args, options, {}, values))
    return kExitOk;
  if (values.count("since") && since < 1)
    throw UsageError(fmt::format("push --since {}: expected a run id of at least 1", since));
  const store::DatabaseLocation target = store::parse_database_location(to, "--to");
  const store::DatabaseLocation source = database_location(common);
  if (target.shown() == source.shown())
    throw UsageError(
        fmt::format("push --to {}: that is the database the runs come from", target.shown()));
  auto local = open_store_for_reading(common);
  auto central = open_store(target);
  int pushed = 0, present = 0, unfinished = 0;
  std::vector<store::RunRecord> runs = local->list_runs(std::numeric_limits<int>::max());
  for (auto run = runs.rbegin(); run != runs.rend(); ++run) {  // oldest first
    if (run->id < since)
      continue;
    if (run->status == store::RunStatus::running) {
      ++unfinished;
      continue;
    }
    const store::RunRecord record = local->load_run(run->id);
    // Its build first: a runner of the fleet can then measure it again by pairs.
    for (const store::PluginVersion& plugin : record.plugins) {
      if (plugin.sha256.empty() || central->has_build_file(plugin.sha256))
        continue;
      if (const auto content = local->load_build_file(plugin.sha256))
        central->keep_build_file(plugin.sha256, *content);
    }
    if (const auto id = central->copy_run(record)) {
      ++pushed;
      std::cout << fmt::format("run {} → run {}\n", run->id, *id);
    } else {
      ++present;
    }
  }
  std::cout << fmt::format(
      "Pushed {} run{} to {}; {} already there{}\n", pushed, pushed == 1 ? "" : "s", target.shown(),
      present, unfinished > 0 ? fmt::format(", {} still running (not pushed)", unfinished) : "");
  return kExitOk;
}

}  // namespace benchctl::cli
