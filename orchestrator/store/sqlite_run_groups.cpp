#include "store/sqlite_run_groups.h"

#include "store/run_assembly.h"
#include "store/run_groups.h"
#include "store/sqlite.h"
#include "util/process_info.h"

namespace benchctl::store {
namespace {

std::optional<RunGroup> first_group(Statement& query) {
  std::vector<RunGroup> groups = records_of(query, run_group_of);
  if (groups.empty())
    return std::nullopt;
  return std::move(groups.front());
}

std::optional<RunGroup> group_named(Database& database, const std::string& name) {
  Statement query = database.prepare(std::string("SELECT ") + kRunGroupColumns +
                                     " FROM run_groups WHERE name = ?");
  query.bind(1, name);
  return first_group(query);
}

}  // namespace

RunGroup claim_sqlite_run_group(Database& database, const RunGroup& group) {
  Transaction transaction(database);
  database
      .prepare(
          "INSERT OR IGNORE INTO run_groups (name, suite, shards, assignment, created_at) VALUES "
          "(?, ?, ?, ?, ?)")
      .bind_all(group.name, group.suite, static_cast<std::int64_t>(group.shards),
                assignment_text(group.assignment), util::utc_timestamp())
      .run();
  RunGroup stored = *group_named(database, group.name);
  transaction.commit();
  return stored;
}

std::optional<RunGroup> find_sqlite_run_group(Database& database, const std::string& name) {
  std::optional<RunGroup> group = group_named(database, name);
  if (!group)
    return std::nullopt;
  Statement runs = database.prepare(std::string("SELECT ") + kRunColumns +
                                    " FROM runs WHERE run_group = ? ORDER BY id");
  runs.bind(1, name);
  group->runs = records_of(runs, RunAssembler::run_of);
  return group;
}

std::optional<RunGroup> previous_sqlite_run_group(Database& database, const std::string& suite,
                                                  int shards, const std::string& except) {
  Statement query = database.prepare(
      std::string("SELECT ") + kRunGroupColumns +
      " FROM run_groups WHERE suite = ? AND shards = ? AND name <> ? ORDER BY id DESC LIMIT 1");
  query.bind_all(suite, static_cast<std::int64_t>(shards), except);
  return first_group(query);
}

}  // namespace benchctl::store
