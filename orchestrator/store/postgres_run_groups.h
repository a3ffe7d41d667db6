// The run groups of a PostgreSQL database (schema/postgresql/0009_run_groups.sql).
#pragma once

#include <pqxx/pqxx>

#include <optional>
#include <string>

#include "store/records.h"

namespace benchctl::store {

// As Store::claim_run_group, find_run_group and previous_run_group.
RunGroup claim_postgres_run_group(pqxx::transaction_base& work, const RunGroup& group);
std::optional<RunGroup> find_postgres_run_group(pqxx::transaction_base& read,
                                                const std::string& name);
std::optional<RunGroup> previous_postgres_run_group(pqxx::transaction_base& read,
                                                    const std::string& suite, int shards,
                                                    const std::string& except);

}  // namespace benchctl::store
