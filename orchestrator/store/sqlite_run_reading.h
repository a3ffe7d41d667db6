// Reading runs, histories and machines from a SQLite database (schema/NNNN_*.sql).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace benchctl::store {

class Database;

// The runs of an A/B (ab, compare --resolve) are paired measurements of two builds at one moment,
// not points of a suite's series: `latest`, histories and machines leave them out.
inline constexpr const char* kSqliteNotAbSide =
    "id NOT IN (SELECT run_a FROM ab_pairs UNION SELECT run_b FROM ab_pairs)";

class SqliteRunReading {
 public:
  explicit SqliteRunReading(Database& database) : database_(database) {}

  // The newest `limit` runs, with their result counts.
  std::vector<RunRecord> list(int limit);
  // A run with what `reading` asks for; InputError for an unknown id.
  RunRecord load(std::int64_t run_id, const RunReading& reading);
  std::vector<Machine> machines(const std::optional<std::string>& suite);
  std::vector<HistoryPoint> history(const HistoryQuery& query);

 private:
  Database& database_;
};

}  // namespace benchctl::store
