#include "store/sqlite_maintenance.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "store/sqlite.h"
#include "store/sqlite_builds.h"
#include "util/process_info.h"

namespace benchctl::store {

int SqliteMaintenance::mark_abandoned_runs() {
  Transaction transaction(database_);
  Statement running = database_.prepare(
      "SELECT id, owner_pid, owner_start_time FROM runs WHERE status = 'running' AND owner_host "
      "= ?");
  running.bind(1, util::host_name());
  std::vector<std::int64_t> abandoned;
  while (running.step()) {
    const auto pid = static_cast<pid_t>(running.int64(1));
    const auto started = util::process_start_time(pid);
    if (!started || static_cast<std::int64_t>(*started) != running.int64(2))
      abandoned.push_back(running.int64(0));
  }
  Statement mark = database_.prepare("UPDATE runs SET status = 'incomplete' WHERE id = ?");
  Statement fail_results = database_.prepare(
      "UPDATE results SET status = 'failed', reason = 'benchctl stopped before this benchmark "
      "finished' "
      "WHERE run_id = ? AND status = 'running'");
  for (const std::int64_t id : abandoned) {
    mark.bind(1, id).run();
    fail_results.bind(1, id).run();
  }
  transaction.commit();
  return static_cast<int>(abandoned.size());
}

MaintenanceReport SqliteMaintenance::maintain(const MaintenanceRequest& request,
                                              SqliteBuildFiles& builds) {
  MaintenanceReport report;
  report.bytes_before = database_size();
  const auto days_ago = [](int days) {
    return util::utc_timestamp(std::chrono::system_clock::now() - std::chrono::hours(24) * days);
  };
  if (request.retain_build_days) {
    Transaction transaction(database_);
    builds.retain(days_ago(*request.retain_build_days), report);
    transaction.commit();
  }
  if (request.retain_sample_days) {
    Transaction transaction(database_);
    const std::string cutoff = days_ago(*request.retain_sample_days);
    // Runs still being written keep everything.
    const std::string old_results =
        "SELECT r.id FROM results r JOIN runs ru ON ru.id = r.run_id WHERE ru.started_at < ?1 "
        "AND ru.status != 'running'";
    Statement runs = database_.prepare(
        "SELECT count(DISTINCT r.run_id), count(*) FROM samples s JOIN results r ON r.id = "
        "s.result_id WHERE s.result_id IN (" +
        old_results + ")");
    runs.bind(1, cutoff);
    runs.step();
    report.runs_pruned = static_cast<int>(runs.int64(0));
    report.samples_deleted = runs.int64(1);
    database_.prepare("DELETE FROM sample_counters WHERE result_id IN (" + old_results + ")")
        .bind(1, cutoff)
        .run();
    database_.prepare("DELETE FROM samples WHERE result_id IN (" + old_results + ")")
        .bind(1, cutoff)
        .run();
    transaction.commit();
  }
  database_.exec("PRAGMA optimize");
  if (request.vacuum)
    database_.exec("VACUUM");
  database_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  report.bytes_after = database_size();
  return report;
}

// Bytes of the database file and its write-ahead log.
std::int64_t SqliteMaintenance::database_size() const {
  std::int64_t bytes = 0;
  for (const auto& file :
       {database_.path(), std::filesystem::path(database_.path().string() + "-wal")}) {
    std::error_code error;
    if (const auto size = std::filesystem::file_size(file, error); !error)
      bytes += static_cast<std::int64_t>(size);
  }
  return bytes;
}

}  // namespace benchctl::store
