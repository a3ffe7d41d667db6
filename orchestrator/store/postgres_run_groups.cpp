#include "store/postgres_run_groups.h"

#include "store/postgres_run_reading.h"
#include "store/run_assembly.h"
#include "store/run_groups.h"
#include "util/process_info.h"

namespace benchctl::store {
namespace {

std::optional<RunGroup> first_group(const pqxx::result& rows) {
  std::vector<RunGroup> groups = records_of(rows, run_group_of);
  if (groups.empty())
    return std::nullopt;
  return std::move(groups.front());
}

std::optional<RunGroup> group_named(pqxx::transaction_base& read, const std::string& name) {
  return first_group(read.exec_params(
      std::string("SELECT ") + kRunGroupColumns + " FROM run_groups WHERE name = $1", name));
}

}  // namespace

RunGroup claim_postgres_run_group(pqxx::transaction_base& work, const RunGroup& group) {
  work.exec_params(
      "INSERT INTO run_groups (name, suite, shards, assignment, created_at) VALUES ($1, $2, $3, "
      "$4, $5) ON CONFLICT (name) DO NOTHING",
      group.name, group.suite, group.shards, assignment_text(group.assignment),
      util::utc_timestamp());
  return *group_named(work, group.name);
}

std::optional<RunGroup> find_postgres_run_group(pqxx::transaction_base& read,
                                                const std::string& name) {
  std::optional<RunGroup> group = group_named(read, name);
  if (group) {
    group->runs = records_of(read.exec_params(std::string("SELECT ") + kRunColumns +
                                                  " FROM runs WHERE run_group = $1 ORDER BY id",
                                              name),
                             RunAssembler::run_of);
  }
  return group;
}

std::optional<RunGroup> previous_postgres_run_group(pqxx::transaction_base& read,
                                                    const std::string& suite, int shards,
                                                    const std::string& except) {
  return first_group(read.exec_params(std::string("SELECT ") + kRunGroupColumns +
                                          " FROM run_groups WHERE suite = $1 AND shards = $2 AND "
                                          "name <> $3 ORDER BY id DESC LIMIT 1",
                                      suite, shards, except));
}

}  // namespace benchctl::store
