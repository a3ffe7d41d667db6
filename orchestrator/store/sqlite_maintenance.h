// The upkeep of a SQLite database: old build files and samples removed (processes keep their
// medians), the planner's statistics, VACUUM and the WAL checkpoint; and this machine's runs
// whose writer is gone marked incomplete.
#pragma once

#include <cstdint>

#include "store/store.h"

namespace benchctl::store {

class Database;
class SqliteBuildFiles;

class SqliteMaintenance {
 public:
  explicit SqliteMaintenance(Database& database) : database_(database) {}

  MaintenanceReport maintain(const MaintenanceRequest& request, SqliteBuildFiles& builds);
  // Marks `incomplete` the running runs of this machine whose process is gone, their running
  // results failed: how many.
  int mark_abandoned_runs();

 private:
  std::int64_t database_size() const;

  Database& database_;
};

}  // namespace benchctl::store
