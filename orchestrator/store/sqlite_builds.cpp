#include "store/sqlite_builds.h"

#include "store/sqlite.h"
#include "util/process_info.h"

namespace benchctl::store {
namespace {

// The build files some run still needs: a baseline's, a recent one's (started at or after ?1), or
// one being written.
constexpr const char* kNeededFiles =
    "SELECT p.sha256 FROM run_plugins p JOIN runs r ON r.id = p.run_id WHERE p.sha256 IS NOT NULL "
    "AND (r.started_at >= ?1 OR r.status = 'running' OR r.id IN (SELECT run_id FROM baseline_runs "
    "UNION SELECT run_id FROM baselines))";

}  // namespace

bool SqliteBuildFiles::has(const std::string& sha256) {
  Statement query = database_.prepare("SELECT count(*) FROM build_files WHERE sha256 = ?");
  query.bind(1, sha256).step();
  return query.int64(0) > 0;
}

void SqliteBuildFiles::keep(const std::string& sha256, const std::string& content) {
  Transaction transaction(database_);
  database_
      .prepare(
          "INSERT INTO build_files (sha256, size, content, stored_at) VALUES (?, ?, ?, ?) ON "
          "CONFLICT (sha256) DO NOTHING")
      .bind(1, sha256)
      .bind(2, static_cast<std::int64_t>(content.size()))
      .bind_blob(3, content)
      .bind(4, util::utc_timestamp())
      .run();
  transaction.commit();
}

std::optional<std::string> SqliteBuildFiles::load(const std::string& sha256) {
  Statement query = database_.prepare("SELECT content FROM build_files WHERE sha256 = ?");
  query.bind(1, sha256);
  if (!query.step())
    return std::nullopt;
  return query.blob(0);
}

void SqliteBuildFiles::retain(const std::string& cutoff, MaintenanceReport& report) {
  const std::string unneeded =
      std::string("FROM build_files WHERE sha256 NOT IN (") + kNeededFiles + ")";
  Statement counted = database_.prepare("SELECT count(*), IFNULL(sum(size), 0) " + unneeded);
  counted.bind(1, cutoff).step();
  report.build_files_deleted = static_cast<int>(counted.int64(0));
  report.build_bytes_deleted = counted.int64(1);
  database_.prepare("DELETE " + unneeded).bind(1, cutoff).run();
}

}  // namespace benchctl::store
