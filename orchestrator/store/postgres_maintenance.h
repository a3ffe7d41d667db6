// The upkeep of a PostgreSQL database, in the caller's transaction: its schema migrated, samples
// of old runs pruned (their processes keep their medians), and runs whose writer is gone marked
// incomplete.
#pragma once

#include <pqxx/pqxx>

#include <string>

#include "store/migrations.h"
#include "store/store.h"

namespace benchctl::store {

// Applies the migrations newer than the database's, under an advisory lock that queues other
// runners; a database newer than `schema` is a StorageError naming `shown`.
void migrate_postgres(pqxx::work& work, const std::vector<Migration>& schema,
                      const std::string& shown);

// Deletes the samples, counters and load seconds of runs started before `cutoff` (ISO 8601) that
// are not being written, and counts them in `report`.
void prune_postgres_samples(pqxx::work& work, const std::string& cutoff, MaintenanceReport& report);

// Marks `incomplete` the running runs of this machine whose process is gone, and any machine's
// whose heartbeat is older than `timeout` seconds, with their running results failed: how many.
int mark_abandoned_postgres_runs(pqxx::work& work, int timeout);

// Old build files and samples removed as `request` asks, then ANALYZE (VACUUM FULL ANALYZE with
// vacuum), with the database's size before and after.
MaintenanceReport maintain_postgres(pqxx::connection& connection,
                                    const MaintenanceRequest& request);

}  // namespace benchctl::store
