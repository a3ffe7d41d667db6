#include "store/sqlite_alerts.h"

#include <fmt/format.h>

#include "store/sqlite.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

template <class T>
std::optional<std::string> optional_name(const std::optional<T>& state) {
  return state ? std::optional(name_of(*state)) : std::nullopt;
}

}  // namespace

std::vector<Alert> SqliteAlerts::list(const AlertQuery& query) {
  Statement select = database_.prepare(
      std::string("SELECT ") + kAlertColumns +
      " FROM alerts WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR suite = ?2) AND (?3 IS NULL "
      "OR host = ?3) AND (?4 IS NULL OR cpu_model = ?4) ORDER BY id");
  select.bind_all(query.id, query.suite, query.host, query.cpu_model);
  return records_of(select, alert_of);
}

std::int64_t SqliteAlerts::save(const Alert& alert) {
  Transaction transaction(database_);
  if (alert.id != 0) {
    Statement exists = database_.prepare("SELECT count(*) FROM alerts WHERE id = ?");
    exists.bind(1, alert.id).step();
    if (exists.int64(0) == 0)
      throw InputError(fmt::format("no alert {} in {}", alert.id, database_.path().string()));
  }
  Statement statement = database_.prepare(
      alert.id == 0
          ? "INSERT INTO alerts (suite, host, cpu_model, first_run, commit_before, commit_after, "
            "state, reported_state, fixed_at_run, created_at, updated_at, changes, events) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
          : "UPDATE alerts SET suite = ?1, host = ?2, cpu_model = ?3, first_run = ?4, "
            "commit_before = ?5, commit_after = ?6, state = ?7, reported_state = ?8, "
            "fixed_at_run = ?9, created_at = ?10, updated_at = ?11, changes = ?12, events = ?13 "
            "WHERE id = ?14");
  statement.bind_all(alert.suite, alert.host, alert.cpu_model, alert.first_run, alert.commit_before,
                     alert.commit_after, name_of(alert.state), optional_name(alert.reported_state),
                     alert.fixed_at_run, alert.created_at, alert.updated_at,
                     changes_text(alert.changes), events_text(alert.events));
  if (alert.id != 0)
    statement.bind(14, alert.id);
  statement.run();
  const std::int64_t id = alert.id == 0 ? database_.last_insert_id() : alert.id;
  transaction.commit();
  return id;
}

}  // namespace benchctl::store
