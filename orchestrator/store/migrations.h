// Schema migrations, embedded from schema/NNNN_*.sql at build time and applied in order by
// PRAGMA user_version: a database at version N gets migrations N+1... each in its own
// transaction, so that two benchctl processes opening a new database do not both apply one.
#pragma once

#include <string>
#include <vector>

namespace benchctl::store {

class Database;

struct Migration {
  int version;
  const char* file;
  const char* sql;
};

// Every migration, in version order (generated source).
const std::vector<Migration>& migrations();

// Brings the database to the newest schema. Throws StorageError when the database was written
// by a newer benchctl.
void migrate(Database& database);

int schema_version(Database& database);

}  // namespace benchctl::store
