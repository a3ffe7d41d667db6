// The build files of a SQLite database (schema/0008_builds.sql): each plugin file a run measured,
// stored once by the SHA-256 of its content.
#pragma once

#include <optional>
#include <string>

#include "store/records.h"

namespace benchctl::store {

class Database;

class SqliteBuildFiles {
 public:
  explicit SqliteBuildFiles(Database& database) : database_(database) {}

  bool has(const std::string& sha256);
  void keep(const std::string& sha256, const std::string& content);
  std::optional<std::string> load(const std::string& sha256);
  // Inside the caller's transaction: deletes the files that no baseline's run, no run started at
  // or after `cutoff` (ISO 8601) and no run still being written measured, and counts them.
  void retain(const std::string& cutoff, MaintenanceReport& report);

 private:
  Database& database_;
};

}  // namespace benchctl::store
