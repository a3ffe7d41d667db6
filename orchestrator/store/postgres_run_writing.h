// What a PostgreSQL run's writer inserts besides the run and result rows, in the caller's
// transaction: the plugins a run loaded, and each process with its samples (arrays in its row),
// counters (COPY) and load records.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace benchctl::store {

// NULL for an empty text.
std::optional<std::string> text_or_null(const std::string& text);

void insert_postgres_plugins(pqxx::work& work, std::int64_t run_id,
                             const std::vector<PluginVersion>& plugins);

void insert_postgres_process(pqxx::work& work, std::int64_t result_id,
                             const ProcessRecord& process);

}  // namespace benchctl::store
