// The baselines of a SQLite database: names bound to runs (schema/0002_baselines.sql and the
// baseline_runs of 0003).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace benchctl::store {

class Database;

class SqliteBaselines {
 public:
  explicit SqliteBaselines(Database& database) : database_(database) {}

  // Binds `name` to `run_ids` (InputError for no run, an unknown run, or an existing name
  // without `replace`).
  void save(const std::string& name, const std::vector<std::int64_t>& run_ids,
            const std::string& note, bool replace);
  // Every baseline, or the one named, oldest first.
  std::vector<Baseline> query(const std::optional<std::string>& name);
  // Whether there was one to delete.
  bool remove(const std::string& name);

 private:
  Database& database_;
};

}  // namespace benchctl::store
