#include "store/postgres_alerts.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "store/postgres_run_reading.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

std::optional<std::string> optional_name(const std::optional<AlertState>& state) {
  return state ? std::optional(name_of(*state)) : std::nullopt;
}

}  // namespace

std::vector<Alert> list_postgres_alerts(pqxx::transaction_base& read, const AlertQuery& query) {
  return records_of(
      read.exec_params(std::string("SELECT ") + kAlertColumns +
                           " FROM alerts WHERE ($1::bigint IS NULL OR id = $1) AND ($2::text IS "
                           "NULL OR suite = $2) AND ($3::text IS NULL OR host = $3) AND ($4::text "
                           "IS NULL OR cpu_model = $4) ORDER BY id",
                       query.id, query.suite, query.host, query.cpu_model),
      alert_of);
}

std::int64_t save_postgres_alert(pqxx::transaction_base& work, const Alert& alert) {
  const std::string changes = changes_text(alert.changes), events = events_text(alert.events);
  if (alert.id == 0) {
    return work
        .exec_params1(
            "INSERT INTO alerts (suite, host, cpu_model, first_run, commit_before, commit_after, "
            "state, reported_state, fixed_at_run, created_at, updated_at, changes, events) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            alert.suite, alert.host, alert.cpu_model, alert.first_run, alert.commit_before,
            alert.commit_after, name_of(alert.state), optional_name(alert.reported_state),
            alert.fixed_at_run, alert.created_at, alert.updated_at, changes, events)[0]
        .as<std::int64_t>();
  }
  const pqxx::result updated = work.exec_params(
      "UPDATE alerts SET suite = $1, host = $2, cpu_model = $3, first_run = $4, "
      "commit_before = $5, commit_after = $6, state = $7, reported_state = $8, "
      "fixed_at_run = $9, created_at = $10, updated_at = $11, changes = $12, events = $13 "
      "WHERE id = $14",
      alert.suite, alert.host, alert.cpu_model, alert.first_run, alert.commit_before,
      alert.commit_after, name_of(alert.state), optional_name(alert.reported_state),
      alert.fixed_at_run, alert.created_at, alert.updated_at, changes, events, alert.id);
  if (updated.affected_rows() == 0)
    throw InputError(fmt::format("no alert {} in the database", alert.id));
  return alert.id;
}

}  // namespace benchctl::store
