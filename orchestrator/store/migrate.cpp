#include <fmt/format.h>

#include "store/migrations.h"
#include "store/sqlite.h"
#include "util/error.h"

namespace benchctl::store {

int schema_version(Database& database) {
  Statement query = database.prepare("PRAGMA user_version");
  query.step();
  return static_cast<int>(query.int64(0));
}

void migrate(Database& database) {
  const int newest = migrations().empty() ? 0 : migrations().back().version;
  if (schema_version(database) == newest)
    return;
  for (const Migration& migration : migrations()) {
    Transaction transaction(database);
    // Read again inside the write lock: another process may have migrated meanwhile.
    const int current = schema_version(database);
    if (current > newest) {
      throw StorageError(
          fmt::format("{}: the database has schema version {}, newer than this "
                      "benchctl's {}; use a newer benchctl",
                      database.path().string(), current, newest));
    }
    if (migration.version <= current)
      continue;
    database.exec(migration.sql);
    database.exec(fmt::format("PRAGMA user_version = {}", migration.version));
    transaction.commit();
  }
}

}  // namespace benchctl::store
