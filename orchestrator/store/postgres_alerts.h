// The alerts of a PostgreSQL database (schema/postgresql/0005_alerts.sql), in the caller's
// transaction.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <vector>

#include "store/alerts.h"

namespace benchctl::store {

std::vector<Alert> list_postgres_alerts(pqxx::transaction_base& read, const AlertQuery& query);
// Inserts an alert of id 0 and returns its id; rewrites a stored one (InputError when there is
// no alert of its id).
std::int64_t save_postgres_alert(pqxx::transaction_base& work, const Alert& alert);

}  // namespace benchctl::store
