#include "store/postgres_baselines.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/postgres_run_reading.h"
#include "store/stored_values.h"
#include "util/error.h"
#include "util/process_info.h"

namespace benchctl::store {

void save_postgres_baseline(pqxx::work& work, const std::string& name,
                            const std::vector<std::int64_t>& run_ids, const std::string& note,
                            bool replace, const std::string& shown) {
  for (const std::int64_t run_id : run_ids) {
    if (work.exec_params1("SELECT count(*) FROM runs WHERE id = $1", run_id)[0].as<int>() == 0)
      throw InputError(fmt::format("no run {} in {}", run_id, shown));
  }
  const pqxx::result existing =
      work.exec_params("SELECT run_id FROM baselines WHERE name = $1", name);
  if (!existing.empty() && !replace) {
    throw InputError(fmt::format("baseline '{}' already exists (run {}); pass --force to move it",
                                 name, number<std::int64_t>(existing[0][0])));
  }
  work.exec_params(
      "INSERT INTO baselines (name, run_id, note, created_at) VALUES ($1, $2, $3, $4) ON "
      "CONFLICT (name) DO UPDATE SET run_id = excluded.run_id, note = excluded.note, "
      "created_at = excluded.created_at",
      name, *std::max_element(run_ids.begin(), run_ids.end()), text_or_null(note),
      util::utc_timestamp());
  work.exec_params("DELETE FROM baseline_runs WHERE name = $1", name);
  for (const std::int64_t run_id : run_ids) {
    work.exec_params(
        "INSERT INTO baseline_runs (name, run_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", name,
        run_id);
  }
}

std::vector<Baseline> query_postgres_baselines(pqxx::transaction_base& read,
                                               const std::optional<std::string>& name) {
  std::vector<Baseline> baselines;
  for (const pqxx::row& row : read.exec_params(
           "SELECT b.name, b.run_id, b.note, b.created_at, r.suite_name, r.started_at, "
           "r.status, r.environment, (SELECT json_agg(run_id ORDER BY run_id)::text FROM "
           "baseline_runs WHERE name = b.name) FROM baselines b JOIN runs r ON r.id = "
           "b.run_id WHERE $1::text IS NULL OR b.name = $1 ORDER BY b.created_at, b.name",
           name)) {
    Baseline baseline;
    baseline.name = field_text(row[0]);
    baseline.run_ids = stored_run_ids(field_text(row[8]));
    baseline.note = field_text(row[2]);
    baseline.created_at = field_text(row[3]);
    baseline.run.id = number<std::int64_t>(row[1]);
    baseline.run.suite_name = field_text(row[4]);
    baseline.run.started_at = field_text(row[5]);
    baseline.run.status = run_status_from_string(field_text(row[6]));
    baseline.run.environment = stored_environment(field_text(row[7]), baseline.run.id);
    baselines.push_back(std::move(baseline));
  }
  return baselines;
}

bool delete_postgres_baseline(pqxx::work& work, const std::string& name) {
  return work.exec_params("DELETE FROM baselines WHERE name = $1", name).affected_rows() > 0;
}

}  // namespace benchctl::store
