#include "store/postgres_builds.h"

#include "util/process_info.h"

namespace benchctl::store {
namespace {

// The build files some run still needs: a baseline's, a recent one's (started at or after $1), or
// one being written.
constexpr const char* kUnneededFiles =
    "FROM build_files WHERE sha256 NOT IN (SELECT p.sha256 FROM run_plugins p JOIN runs r ON r.id "
    "= p.run_id WHERE p.sha256 IS NOT NULL AND (r.started_at >= $1 OR r.status = 'running' OR "
    "r.id IN (SELECT run_id FROM baseline_runs UNION SELECT run_id FROM baselines)))";

}  // namespace

bool has_postgres_build_file(pqxx::transaction_base& read, const std::string& sha256) {
  return !read.exec_params("SELECT 1 FROM build_files WHERE sha256 = $1", sha256).empty();
}

void keep_postgres_build_file(pqxx::transaction_base& work, const std::string& sha256,
                              const std::string& content) {
  // Sent as binary: a bytea's text form would double its size on the wire.
  work.exec_params(
      "INSERT INTO build_files (sha256, size, content, stored_at) VALUES ($1, $2, $3, $4) ON "
      "CONFLICT (sha256) DO NOTHING",
      sha256, static_cast<std::int64_t>(content.size()), pqxx::binarystring(content),
      util::utc_timestamp());
}

std::optional<std::string> load_postgres_build_file(pqxx::transaction_base& read,
                                                    const std::string& sha256) {
  const pqxx::result found =
      read.exec_params("SELECT content FROM build_files WHERE sha256 = $1", sha256);
  if (found.empty())
    return std::nullopt;
  return pqxx::binarystring(found[0][0]).str();
}

void retain_postgres_build_files(pqxx::transaction_base& work, const std::string& cutoff,
                                 MaintenanceReport& report) {
  const pqxx::row counted = work.exec_params1(
      std::string("SELECT count(*), COALESCE(sum(size), 0) ") + kUnneededFiles, cutoff);
  report.build_files_deleted = counted[0].as<int>();
  report.build_bytes_deleted = counted[1].as<std::int64_t>();
  work.exec_params(std::string("DELETE ") + kUnneededFiles, cutoff);
}

}  // namespace benchctl::store
