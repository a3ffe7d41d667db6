// The baselines of a PostgreSQL database (names bound to runs), in the caller's transaction.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace benchctl::store {

// Binds `name` to `run_ids` (InputError naming the database `shown` for an unknown run, or for an
// existing name without `replace`).
void save_postgres_baseline(pqxx::work& work, const std::string& name,
                            const std::vector<std::int64_t>& run_ids, const std::string& note,
                            bool replace, const std::string& shown);
// Every baseline, or the one named, oldest first.
std::vector<Baseline> query_postgres_baselines(pqxx::transaction_base& read,
                                               const std::optional<std::string>& name);
// Whether there was one to delete.
bool delete_postgres_baseline(pqxx::work& work, const std::string& name);

}  // namespace benchctl::store
