// What --db names: a SQLite file, a PostgreSQL URL, or a URL benchctl refuses; passwords never
// shown.
#include "store/location.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace benchctl::store {
namespace {

TEST(DatabaseLocation, APathIsASqliteFile) {
  for (const char* path : {"results/benchctl.db", "/var/lib/b.db", "a:b.db", "./postgresql.db"}) {
    const DatabaseLocation location = parse_database_location(path, "--db");
    EXPECT_EQ(location.kind, DatabaseLocation::Kind::sqlite) << path;
    EXPECT_EQ(location.file, path);
    EXPECT_EQ(location.shown(), path);
  }
}

TEST(DatabaseLocation, PostgresqlUrlsAreKeptForLibpqAndShownWithoutTheirPassword) {
  const DatabaseLocation location =
      parse_database_location("postgresql://bench:s3cret@db:5432/runs?sslmode=require", "--db");
  EXPECT_EQ(location.kind, DatabaseLocation::Kind::postgresql);
  EXPECT_EQ(location.url, "postgresql://bench:s3cret@db:5432/runs?sslmode=require");
  EXPECT_EQ(location.shown(), "postgresql://bench:***@db:5432/runs?sslmode=require");
  EXPECT_EQ(parse_database_location("postgres://db/runs", "--db").kind,
            DatabaseLocation::Kind::postgresql);
  EXPECT_EQ(without_password("postgresql:///runs?service=bench&password=x&port=5"),
            "postgresql:///runs?service=bench&password=***&port=5");
  EXPECT_EQ(without_password("postgresql://bench@db/runs"), "postgresql://bench@db/runs");
}

TEST(DatabaseLocation, AnyOtherSchemeIsRefusedWithoutShowingThePassword) {
  try {
    parse_database_location("mysql://root:hunter2@db/runs", "BENCHCTL_DB");
    FAIL() << "accepted a mysql URL";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "BENCHCTL_DB 'mysql://root:***@db/runs' is a URL of scheme 'mysql', expected a "
                 "SQLite file path or a postgresql:// URL");
  }
  EXPECT_THROW(parse_database_location("sqlite:///tmp/x.db", "--db"), UsageError);
  EXPECT_THROW(parse_database_location("file://x.db", "--db"), UsageError);
}

}  // namespace
}  // namespace benchctl::store
