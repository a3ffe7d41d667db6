// A stored run group (schema/0013_run_groups.sql, postgresql/0009_run_groups.sql): the one
// converter of its assignment to the JSON both backends store, and of its row back.
#pragma once

#include <map>
#include <string>

#include "store/records.h"
#include "store/row.h"

namespace benchctl::store {

// {"benchmark": shard, ...}
std::string assignment_text(const std::map<std::string, int>& assignment);

// The columns of a group both stores read, and the group (without its runs) in a row of them.
// Throws StorageError naming the group for an assignment assignment_text did not write.
inline constexpr const char* kRunGroupColumns = "id, name, suite, shards, assignment, created_at";
RunGroup run_group_of(const Row& row);

}  // namespace benchctl::store
