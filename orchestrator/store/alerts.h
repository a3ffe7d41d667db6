// Alerts: the change points of one series (a suite's runs on one machine) grouped per commit
// range, with the state a team gives them, as the performance trackers of large projects keep
// them. analysis/alerts.h makes them from a history; both stores keep them.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/row.h"

namespace benchctl::store {

enum class AlertState {
  untriaged,      // "new": nobody has looked at it yet
  acknowledged,   // someone has
  investigating,  // someone is finding its cause
  fixed,          // the level came back (by a fix, or by itself)
  accepted,       // an intended change: the series restarts from the new level
  invalid,        // not a change of the code (a noisy night, a broken machine)
};

std::string name_of(AlertState state);
std::optional<AlertState> alert_state_named(const std::string& name);
// "new, acknowledged, ... or invalid": what an error message expects.
std::string alert_state_names();

// One benchmark's change point in an alert: the figures of `benchctl history`.
struct AlertChange {
  std::string benchmark;
  std::int64_t first_run = 0;  // the first run of its new level
  double before = 0, after = 0;
  double ratio = 1, low = 1, high = 1;  // the change and its interval
  double p_value = 1;
  std::string cause;  // benchmark or suite-wide
};

// A state the alert went to, when, and why.
struct AlertEvent {
  std::string at;  // ISO 8601 UTC
  AlertState state = AlertState::untriaged;
  std::string note;
};

struct Alert {
  std::int64_t id = 0;  // 0: not stored yet
  std::string suite, host, cpu_model;
  std::int64_t first_run = 0;  // of the first change found
  std::string commit_before, commit_after;
  AlertState state = AlertState::untriaged;
  std::optional<AlertState> reported_state;  // what the last digest showed; none: never shown
  std::optional<std::int64_t> fixed_at_run;  // the level came back by itself at this run
  std::string created_at, updated_at;
  std::vector<AlertChange> changes;  // by benchmark
  std::vector<AlertEvent> events;    // oldest first; the first is its creation

  // A regression nobody has closed: new, acknowledged or investigating.
  bool open() const;
  // Moves to `state` at `at`, and records why.
  void move_to(AlertState state, const std::string& at, const std::string& note);
};

// Which alerts list_alerts returns: those matching every field given.
struct AlertQuery {
  std::optional<std::int64_t> id;
  std::optional<std::string> suite;
  std::optional<std::string> host;
  std::optional<std::string> cpu_model;
};

// The stored form of an alert's changes and events: JSON arrays. Reading throws StorageError
// naming `alert` when the text is not one.
std::string changes_text(const std::vector<AlertChange>& changes);
std::string events_text(const std::vector<AlertEvent>& events);
std::vector<AlertChange> changes_from_text(const std::string& text, std::int64_t alert);
std::vector<AlertEvent> events_from_text(const std::string& text, std::int64_t alert);
// A stored state; StorageError naming `alert` for a name that is none.
AlertState stored_alert_state(const std::string& name, std::int64_t alert);

// The columns of an alert both stores read, and the alert in a row of them.
inline constexpr const char* kAlertColumns =
    "id, suite, host, cpu_model, first_run, commit_before, commit_after, state, reported_state, "
    "fixed_at_run, created_at, updated_at, changes, events";
Alert alert_of(const Row& row);

}  // namespace benchctl::store
