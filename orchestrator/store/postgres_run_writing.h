// What a PostgreSQL run's writer inserts besides the run and result rows, in the caller's
// transaction: the plugins a run loaded, and each process with its samples (arrays in its row),
// counters (COPY) and load records; and a whole run copied from another database.
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

// Copies the processes' medians of the results in $1 (an array of ids) into their rows, in process
// order: a history reads them there (schema/postgresql/0003). A result without processes keeps
// NULL.
inline constexpr const char* kCopyMediansIntoResults =
    "UPDATE results r SET median_real_seconds = m.real, median_cpu_seconds = m.cpu FROM (SELECT "
    "result_id, array_agg(median_real_seconds ORDER BY process) AS real, "
    "array_agg(median_cpu_seconds ORDER BY process) AS cpu FROM processes WHERE result_id = "
    "ANY($1::bigint[]) GROUP BY result_id) m WHERE r.id = m.result_id";

// As Store::copy_run, in the caller's transaction: the new run's id, or nothing when a run of the
// same UUID is already there (a run pushed by two runners at once is stored once: the second
// waits on the UUID's row).
std::optional<std::int64_t> copy_postgres_run(pqxx::work& work, const RunRecord& run);

}  // namespace benchctl::store
