#include "store/run_groups.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/error.h"

namespace benchctl::store {

std::string assignment_text(const std::map<std::string, int>& assignment) {
  return nlohmann::json(assignment).dump();
}

RunGroup run_group_of(const Row& row) {
  RunGroup group;
  group.id = row.int64(0);
  group.name = row.text(1);
  group.suite = row.text(2);
  group.shards = static_cast<int>(row.int64(3));
  group.created_at = row.text(5);
  try {
    group.assignment = nlohmann::json::parse(row.text(4)).get<std::map<std::string, int>>();
  } catch (const std::exception& e) {
    throw StorageError(fmt::format("run group '{}': its stored assignment is unreadable: {}",
                                   group.name, e.what()));
  }
  for (const auto& [benchmark, shard] : group.assignment) {
    if (shard < 1 || shard > group.shards) {
      throw StorageError(
          fmt::format("run group '{}': benchmark {} is in shard {}, expected 1 to {}", group.name,
                      benchmark, shard, group.shards));
    }
  }
  return group;
}

}  // namespace benchctl::store
