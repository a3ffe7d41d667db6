#include "store/postgres_maintenance.h"

#include <fmt/format.h>

#include "store/postgres_builds.h"
#include "store/postgres_run_reading.h"
#include "util/process_info.h"

namespace benchctl::store {
namespace {

// Any two runners migrating at once queue on this advisory lock ("benchctl" in ASCII).
constexpr std::int64_t kMigrationLock = 0x62656e636863746c;

std::int64_t database_size(pqxx::connection& connection) {
  pqxx::read_transaction read(connection);
  return read.exec("SELECT pg_database_size(current_database())")[0][0].as<std::int64_t>();
}

}  // namespace

void migrate_postgres(pqxx::work& work, const std::vector<Migration>& schema,
                      const std::string& shown) {
  work.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
  work.exec(
      "CREATE TABLE IF NOT EXISTS benchctl_migrations (version INTEGER PRIMARY KEY, file TEXT "
      "NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  const int current =
      work.exec("SELECT COALESCE(max(version), 0) FROM benchctl_migrations")[0][0].as<int>();
  const int newest = schema.back().version;
  if (current > newest) {
    throw StorageError(
        fmt::format("{}: the database has schema version {}, newer than this benchctl's {}; "
                    "use a newer benchctl",
                    shown, current, newest));
  }
  for (const Migration& migration : schema) {
    if (migration.version <= current)
      continue;
    work.exec(migration.sql);
    work.exec_params("INSERT INTO benchctl_migrations (version, file) VALUES ($1, $2)",
                     migration.version, std::string(migration.file));
  }
}

void prune_postgres_samples(pqxx::work& work, const std::string& cutoff,
                            MaintenanceReport& report) {
  const std::string old_results =
      "SELECT r.id FROM results r JOIN runs ru ON ru.id = r.run_id WHERE ru.started_at < $1 "
      "AND ru.status != 'running'";
  const pqxx::row counted = work.exec_params1(
      "SELECT count(DISTINCT r.run_id), COALESCE(sum(cardinality(p.repetitions)), 0) FROM "
      "processes p JOIN results r ON r.id = p.result_id WHERE cardinality(p.repetitions) > 0 "
      "AND p.result_id IN (" +
          old_results + ")",
      cutoff);
  report.runs_pruned = number<int>(counted[0]);
  report.samples_deleted = number<std::int64_t>(counted[1]);
  for (const char* table : {"sample_counters", "load_seconds"}) {
    work.exec_params(fmt::format("DELETE FROM {} WHERE result_id IN ({})", table, old_results),
                     cutoff);
  }
  work.exec_params(
      "UPDATE processes SET repetitions = '{}', iterations = '{}', real_ns = '{}', cpu_ns = "
      "'{}', instructions = '{}' WHERE cardinality(repetitions) > 0 AND result_id IN (" +
          old_results + ")",
      cutoff);
}

int mark_abandoned_postgres_runs(pqxx::work& work, int timeout) {
  std::vector<std::int64_t> abandoned;
  // Runs of this machine whose process is gone, at once; any machine's after the timeout.
  for (const pqxx::row& row : work.exec_params(
           "SELECT id, owner_host, owner_pid, owner_start_time, heartbeat < now() - "
           "make_interval(secs => $1) FROM runs WHERE status = 'running' FOR UPDATE SKIP "
           "LOCKED",
           timeout)) {
    bool gone = row[4].as<bool>();
    if (!gone && field_text(row[1]) == util::host_name()) {
      const auto started =
          util::process_start_time(static_cast<pid_t>(number<std::int64_t>(row[2])));
      gone = !started || static_cast<std::int64_t>(*started) != number<std::int64_t>(row[3]);
    }
    if (gone)
      abandoned.push_back(number<std::int64_t>(row[0]));
  }
  for (const std::int64_t id : abandoned) {
    work.exec_params("UPDATE runs SET status = 'incomplete' WHERE id = $1", id);
    work.exec_params(
        "UPDATE results SET status = 'failed', reason = 'benchctl stopped before this "
        "benchmark finished' WHERE run_id = $1 AND status = 'running'",
        id);
  }
  return static_cast<int>(abandoned.size());
}

MaintenanceReport maintain_postgres(pqxx::connection& connection,
                                    const MaintenanceRequest& request) {
  MaintenanceReport report;
  report.bytes_before = database_size(connection);
  const auto days_ago = [](int days) {
    return util::utc_timestamp(std::chrono::system_clock::now() - std::chrono::hours(24) * days);
  };
  if (request.retain_build_days) {
    pqxx::work work(connection);
    retain_postgres_build_files(work, days_ago(*request.retain_build_days), report);
    work.commit();
  }
  if (request.retain_sample_days) {
    pqxx::work work(connection);
    prune_postgres_samples(work, days_ago(*request.retain_sample_days), report);
    work.commit();
  }
  {
    pqxx::nontransaction outside(connection);  // VACUUM cannot run inside a transaction
    outside.exec(request.vacuum ? "VACUUM FULL ANALYZE" : "ANALYZE");
  }
  report.bytes_after = database_size(connection);
  return report;
}

}  // namespace benchctl::store
