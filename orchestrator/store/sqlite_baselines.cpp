#include "store/sqlite_baselines.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/sqlite.h"
#include "store/stored_values.h"
#include "util/error.h"
#include "util/process_info.h"

namespace benchctl::store {

void SqliteBaselines::save(const std::string& name, const std::vector<std::int64_t>& run_ids,
                           const std::string& note, bool replace) {
  if (run_ids.empty())
    throw InputError(fmt::format("baseline '{}' needs at least one run", name));
  Transaction transaction(database_);
  Statement run = database_.prepare("SELECT count(*) FROM runs WHERE id = ?");
  for (const std::int64_t run_id : run_ids) {
    run.bind(1, run_id).step();
    if (run.int64(0) == 0)
      throw InputError(fmt::format("no run {} in {}", run_id, database_.path().string()));
    run.reset();
  }
  Statement existing = database_.prepare("SELECT run_id FROM baselines WHERE name = ?");
  existing.bind(1, name);
  if (existing.step() && !replace) {
    throw InputError(fmt::format("baseline '{}' already exists (run {}); pass --force to move it",
                                 name, existing.int64(0)));
  }
  database_
      .prepare(
          "INSERT INTO baselines (name, run_id, note, created_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (name) DO UPDATE SET run_id = excluded.run_id, note = excluded.note, "
          "created_at = excluded.created_at")
      .bind(1, name)
      .bind(2, *std::max_element(run_ids.begin(), run_ids.end()))
      .bind(3, note.empty() ? std::optional<std::string>() : note)
      .bind(4, util::utc_timestamp())
      .run();
  database_.prepare("DELETE FROM baseline_runs WHERE name = ?").bind(1, name).run();
  Statement member =
      database_.prepare("INSERT OR IGNORE INTO baseline_runs (name, run_id) VALUES (?, ?)");
  for (const std::int64_t run_id : run_ids)
    member.bind_all(name, run_id).run();
  transaction.commit();
}

std::vector<Baseline> SqliteBaselines::query(const std::optional<std::string>& name) {
  Statement query = database_.prepare(
      "SELECT b.name, b.run_id, b.note, b.created_at, r.suite_name, r.started_at, r.status, "
      "r.environment, (SELECT json_group_array(run_id) FROM (SELECT run_id FROM baseline_runs "
      "WHERE name = b.name ORDER BY run_id)) FROM baselines b JOIN runs r ON r.id = b.run_id "
      "WHERE ?1 IS NULL OR b.name = ?1 ORDER BY b.created_at, b.name");
  query.bind(1, name);
  std::vector<Baseline> baselines;
  while (query.step()) {
    Baseline baseline;
    baseline.name = query.text(0);
    baseline.run_ids = stored_run_ids(query.text(8));
    baseline.note = query.text(2);
    baseline.created_at = query.text(3);
    baseline.run.id = query.int64(1);
    baseline.run.suite_name = query.text(4);
    baseline.run.started_at = query.text(5);
    baseline.run.status = run_status_from_string(query.text(6));
    baseline.run.environment = stored_environment(query.text(7), baseline.run.id);
    baselines.push_back(std::move(baseline));
  }
  return baselines;
}

bool SqliteBaselines::remove(const std::string& name) {
  Transaction transaction(database_);
  database_.prepare("DELETE FROM baselines WHERE name = ?").bind(1, name).run();
  Statement changes = database_.prepare("SELECT changes()");
  changes.step();
  const bool deleted = changes.int64(0) > 0;
  transaction.commit();
  return deleted;
}

}  // namespace benchctl::store
