// Where the runs are: what `--db` (or BENCHCTL_DB) names. A path is a SQLite file;
// `postgresql://` (or `postgres://`) names a PostgreSQL database, which libpq reads with its usual
// sources of credentials (PGPASSWORD, ~/.pgpass, a service file). Any other `scheme://` is
// refused: a URL must never become a folder named after its scheme, with a password in its path.
#pragma once

#include <filesystem>
#include <string>

namespace benchctl::store {

struct DatabaseLocation {
  enum class Kind { sqlite, postgresql };
  Kind kind = Kind::sqlite;
  std::filesystem::path file;  // sqlite
  std::string url;             // postgresql: as given, for libpq

  // How messages name it: the file, or the URL without its password.
  std::string shown() const;
};

// `origin` names where the text came from in messages ("--db", "BENCHCTL_DB"). Throws UsageError
// for a URL of another scheme.
DatabaseLocation parse_database_location(const std::string& text, const std::string& origin);

// The URL with any password replaced by "***"; other text unchanged.
std::string without_password(const std::string& url);

}  // namespace benchctl::store
