#include "store/alerts.h"

#include <fmt/format.h>

#include "util/enum_names.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

constexpr util::EnumNames<AlertState, 6> kStateNames{{{AlertState::untriaged, "new"},
                                                      {AlertState::acknowledged, "acknowledged"},
                                                      {AlertState::investigating, "investigating"},
                                                      {AlertState::fixed, "fixed"},
                                                      {AlertState::accepted, "accepted"},
                                                      {AlertState::invalid, "invalid"}}};

template <class Read>
auto read_stored(const std::string& text, std::int64_t alert, const char* what, Read read) {
  try {
    return read(nlohmann::json::parse(text));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw StorageError(
        fmt::format("alert {}: its stored {} are unreadable: {}", alert, what, e.what()));
  }
}

}  // namespace

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(AlertChange, benchmark, first_run, before, after, ratio, low,
                                   high, p_value, cause)

std::string name_of(AlertState state) {
  return util::name_of(kStateNames, state);
}

std::optional<AlertState> alert_state_named(const std::string& name) {
  return util::value_of(kStateNames, name);
}

std::string alert_state_names() {
  return util::names_list(kStateNames);
}

bool Alert::open() const {
  return state == AlertState::untriaged || state == AlertState::acknowledged ||
         state == AlertState::investigating;
}

void Alert::move_to(AlertState next, const std::string& at, const std::string& note) {
  state = next;
  updated_at = at;
  events.push_back({at, next, note});
}

std::string changes_text(const std::vector<AlertChange>& changes) {
  return nlohmann::json(changes).dump();
}

std::string events_text(const std::vector<AlertEvent>& events) {
  nlohmann::json json = nlohmann::json::array();
  for (const AlertEvent& event : events)
    json.push_back({{"at", event.at}, {"state", name_of(event.state)}, {"note", event.note}});
  return json.dump();
}

std::vector<AlertChange> changes_from_text(const std::string& text, std::int64_t alert) {
  return read_stored(text, alert, "changes", [](const nlohmann::json& json) {
    return json.get<std::vector<AlertChange>>();
  });
}

std::vector<AlertEvent> events_from_text(const std::string& text, std::int64_t alert) {
  return read_stored(text, alert, "events", [&](const nlohmann::json& json) {
    std::vector<AlertEvent> events;
    for (const nlohmann::json& event : json) {
      events.push_back({event.at("at").get<std::string>(),
                        stored_alert_state(event.at("state").get<std::string>(), alert),
                        event.at("note").get<std::string>()});
    }
    return events;
  });
}

AlertState stored_alert_state(const std::string& name, std::int64_t alert) {
  if (const auto state = alert_state_named(name))
    return *state;
  throw StorageError(
      fmt::format("alert {}: stored state '{}' is none of {}", alert, name, alert_state_names()));
}

Alert alert_of(const Row& row) {
  Alert alert;
  alert.id = row.int64(0);
  alert.suite = row.text(1);
  alert.host = row.text(2);
  alert.cpu_model = row.text(3);
  alert.first_run = row.int64(4);
  alert.commit_before = row.text(5);
  alert.commit_after = row.text(6);
  alert.state = stored_alert_state(row.text(7), alert.id);
  if (const auto reported = row.optional_text(8))
    alert.reported_state = stored_alert_state(*reported, alert.id);
  alert.fixed_at_run = row.optional_int64(9);
  alert.created_at = row.text(10);
  alert.updated_at = row.text(11);
  alert.changes = changes_from_text(row.text(12), alert.id);
  alert.events = events_from_text(row.text(13), alert.id);
  return alert;
}

}  // namespace benchctl::store
