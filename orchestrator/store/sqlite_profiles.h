// The profiles of a SQLite database (schema/0012_profiles.sql).
#pragma once

#include <cstdint>
#include <vector>

#include "store/records.h"

namespace benchctl::store {

class Database;

std::int64_t save_sqlite_profile(Database& database, const ProfileRecord& profile);
// The profiles stored with `run_id`, oldest first.
std::vector<ProfileRecord> load_sqlite_profiles(Database& database, std::int64_t run_id);

}  // namespace benchctl::store
