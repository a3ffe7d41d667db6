#include <fmt/format.h>
#include <string_view>

#include "store/migrations.h"
#include "store/sqlite.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

constexpr std::string_view kForeignKeysOff = "-- benchctl: foreign keys off\n";

// Turns foreign keys back on when a migration that turned them off ends, however it ends.
struct ForeignKeysOn {
  Database& database;
  bool needed;
  ~ForeignKeysOn() {
    try {
      if (needed)
        database.exec("PRAGMA foreign_keys = ON");
    } catch (const StorageError&) {
      // Only a closed connection refuses this pragma; nothing more can go wrong on it.
    }
  }
};

}  // namespace

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
    // A migration that rebuilds a table others refer to runs with foreign keys off (a pragma
    // that has no effect inside a transaction), and checks them before it commits.
    const bool rebuilds = std::string_view(migration.sql).starts_with(kForeignKeysOff);
    if (rebuilds)
      database.exec("PRAGMA foreign_keys = OFF");
    const ForeignKeysOn restore{database, rebuilds};
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
    if (rebuilds) {
      Statement violations = database.prepare("PRAGMA foreign_key_check");
      if (violations.step()) {
        throw StorageError(fmt::format("{}: migration {} would break a reference in table '{}'",
                                       database.path().string(), migration.file,
                                       violations.text(0)));
      }
    }
    database.exec(fmt::format("PRAGMA user_version = {}", migration.version));
    transaction.commit();
  }
}

}  // namespace benchctl::store
