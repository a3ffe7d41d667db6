// The build files of a PostgreSQL database (schema/postgresql/0004_builds.sql), in the caller's
// transaction: each plugin file a run measured, stored once by the SHA-256 of its content.
#pragma once

#include <pqxx/pqxx>

#include <optional>
#include <string>

#include "store/records.h"

namespace benchctl::store {

bool has_postgres_build_file(pqxx::transaction_base& read, const std::string& sha256);
void keep_postgres_build_file(pqxx::transaction_base& work, const std::string& sha256,
                              const std::string& content);
std::optional<std::string> load_postgres_build_file(pqxx::transaction_base& read,
                                                    const std::string& sha256);
// Deletes the files that no baseline's run, no run started at or after `cutoff` (ISO 8601) and
// no run still being written measured, and counts them.
void retain_postgres_build_files(pqxx::transaction_base& work, const std::string& cutoff,
                                 MaintenanceReport& report);

}  // namespace benchctl::store
