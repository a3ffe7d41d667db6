// The profiles of a PostgreSQL database (schema/postgresql/0008_profiles.sql).
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <vector>

#include "store/records.h"

namespace benchctl::store {

std::int64_t save_postgres_profile(pqxx::transaction_base& work, const ProfileRecord& profile);
// The profiles stored with `run_id`, oldest first.
std::vector<ProfileRecord> load_postgres_profiles(pqxx::transaction_base& read,
                                                  std::int64_t run_id);

}  // namespace benchctl::store
