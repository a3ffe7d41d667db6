// The alerts of a SQLite database (schema/0009_alerts.sql).
#pragma once

#include <cstdint>
#include <vector>

#include "store/alerts.h"

namespace benchctl::store {

class Database;

class SqliteAlerts {
 public:
  explicit SqliteAlerts(Database& database) : database_(database) {}

  std::vector<Alert> list(const AlertQuery& query);
  // Inserts an alert of id 0 and returns its id; rewrites a stored one (InputError when there is
  // no alert of its id).
  std::int64_t save(const Alert& alert);

 private:
  Database& database_;
};

}  // namespace benchctl::store
