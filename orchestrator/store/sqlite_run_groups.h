// The run groups of a SQLite database (schema/0013_run_groups.sql).
#pragma once

#include <optional>
#include <string>

#include "store/records.h"

namespace benchctl::store {

class Database;

// As Store::claim_run_group, find_run_group and previous_run_group.
RunGroup claim_sqlite_run_group(Database& database, const RunGroup& group);
std::optional<RunGroup> find_sqlite_run_group(Database& database, const std::string& name);
std::optional<RunGroup> previous_sqlite_run_group(Database& database, const std::string& suite,
                                                  int shards, const std::string& except);

}  // namespace benchctl::store
