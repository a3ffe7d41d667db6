#include "report/alerts_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/table.h"

namespace benchctl::report {
namespace {

std::string commits(const store::Alert& alert) {
  if (alert.commit_before.empty() && alert.commit_after.empty())
    return "-";
  return fmt::format("{}..{}", alert.commit_before.substr(0, 12), alert.commit_after.substr(0, 12));
}

// "crc32/4096 +5.0%, crc32/32768 +4.8%"
std::string changes_summary(const store::Alert& alert) {
  std::string text;
  for (const store::AlertChange& change : alert.changes)
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", change.benchmark,
                        signed_percent(change.ratio));
  return text;
}

std::string state_text(const store::Alert& alert) {
  std::string text = store::name_of(alert.state);
  if (alert.fixed_at_run)
    text += fmt::format(" (at run {})", *alert.fixed_at_run);
  return text;
}

std::string render_table(const Table& table, Format format) {
  return format == Format::markdown ? render_markdown(table) : render(table, format);
}

Table list_table(const std::vector<store::Alert>& alerts) {
  Table table;
  table.columns = {Column("Alert", "id", kRight),
                   Column("State", "state"),
                   Column("Suite", "suite"),
                   Column("Machine", "host"),
                   Column("From run", "first_run", kRight),
                   Column("Commits", "commits"),
                   Column("Changes", "changes"),
                   Column("Updated", "updated_at")};
  for (const store::Alert& a : alerts) {
    table.add({std::to_string(a.id), Cell(state_text(a), std::nullopt, store::name_of(a.state)),
               a.suite, a.host, std::to_string(a.first_run), commits(a), changes_summary(a),
               a.updated_at});
  }
  return table;
}

Table changes_table(const store::Alert& alert) {
  Table table;
  table.columns = {Column("Benchmark", "benchmark", kLeft, true),
                   Column("From run", "first_run", kRight),
                   Column("Change", "ratio", kRight),
                   Column("CI", "", kRight),
                   Column("p", "p_value", kRight),
                   Column("Cause", "cause")};
  for (const store::AlertChange& c : alert.changes) {
    table.add({c.benchmark, std::to_string(c.first_run),
               Cell(signed_percent(c.ratio), std::nullopt, fmt::format("{}", c.ratio)),
               fmt::format("[{}, {}]", signed_percent(c.low), signed_percent(c.high)),
               fmt::format("{:.3g}", c.p_value), c.cause});
  }
  return table;
}

Table events_table(const store::Alert& alert) {
  Table table;
  table.columns = {Column("When", "at"), Column("State", "state"), Column("Note", "note")};
  for (const store::AlertEvent& e : alert.events)
    table.add({e.at, store::name_of(e.state), e.note.empty() ? "-" : e.note});
  return table;
}

Table digest_table(const std::vector<analysis::DigestEntry>& digest) {
  Table table;
  table.columns = {Column("Alert", "id", kRight),
                   Column("State", "state"),
                   Column("", "was"),
                   Column("From run", "first_run", kRight),
                   Column("Commits", "commits"),
                   Column("Changes", "changes"),
                   Column("Note", "note")};
  for (const analysis::DigestEntry& entry : digest) {
    const store::Alert& a = entry.alert;
    const std::string state =
        entry.was ? fmt::format("{} → {}", store::name_of(*entry.was), state_text(a))
                  : state_text(a);
    table.add({std::to_string(a.id), Cell(state, std::nullopt, store::name_of(a.state)),
               csv_only(entry.was ? store::name_of(*entry.was) : ""), std::to_string(a.first_run),
               commits(a), changes_summary(a), a.events.empty() ? "-" : a.events.back().note});
  }
  return table;
}

}  // namespace

nlohmann::json alert_json(const store::Alert& alert) {
  nlohmann::json events = nlohmann::json::array();
  for (const store::AlertEvent& e : alert.events)
    events.push_back({{"at", e.at}, {"state", store::name_of(e.state)}, {"note", e.note}});
  nlohmann::json changes = nlohmann::json::array();
  for (const store::AlertChange& c : alert.changes) {
    changes.push_back({{"benchmark", c.benchmark},
                       {"first_run", c.first_run},
                       {"before", c.before},
                       {"after", c.after},
                       {"ratio", c.ratio},
                       {"interval", {c.low, c.high}},
                       {"adjusted_p_value", c.p_value},
                       {"cause", c.cause}});
  }
  return {{"id", alert.id},
          {"suite", alert.suite},
          {"machine", {{"host", alert.host}, {"cpu_model", alert.cpu_model}}},
          {"first_run", alert.first_run},
          {"commits", {alert.commit_before, alert.commit_after}},
          {"state", store::name_of(alert.state)},
          {"fixed_at_run", alert.fixed_at_run ? nlohmann::json(*alert.fixed_at_run) : nullptr},
          {"created_at", alert.created_at},
          {"updated_at", alert.updated_at},
          {"changes", changes},
          {"events", events}};
}

std::string render_alert_list(const std::vector<store::Alert>& alerts, Format format) {
  if (format == Format::json) {
    nlohmann::json json = {{"schema", "benchctl.alerts/1"}, {"alerts", nlohmann::json::array()}};
    for (const store::Alert& alert : alerts)
      json["alerts"].push_back(alert_json(alert));
    return json.dump(2) + "\n";
  }
  if (alerts.empty() && format != Format::csv)
    return "No alerts.\n";
  return render_table(list_table(alerts), format);
}

std::string render_alert(const store::Alert& alert, Format format) {
  switch (format) {
    case Format::json:
      return alert_json(alert).dump(2) + "\n";
    case Format::csv:
      return render_csv(changes_table(alert));
    case Format::markdown:
      return fmt::format(
          "## Alert {} · {}\n\nSuite {} on {} · {}, from run {} (commits {})\n\n{}\n{}", alert.id,
          state_text(alert), markdown_cell(alert.suite), markdown_cell(alert.host),
          markdown_cell(alert.cpu_model), alert.first_run, commits(alert),
          render_markdown(changes_table(alert)), render_markdown(events_table(alert)));
    case Format::table:
      break;
  }
  return fmt::format("Alert {} · {}\nSuite {} on {} · {}, from run {} (commits {})\n\n{}\n{}",
                     alert.id, state_text(alert), alert.suite, alert.host, alert.cpu_model,
                     alert.first_run, commits(alert), render_text(changes_table(alert)),
                     render_text(events_table(alert)));
}

std::string render_alert_digest(const std::vector<analysis::DigestEntry>& digest, Format format) {
  const auto created = std::count_if(digest.begin(), digest.end(),
                                     [](const analysis::DigestEntry& e) { return !e.was; });
  const std::string headline = fmt::format("{} new alert(s), {} changed state", created,
                                           static_cast<std::ptrdiff_t>(digest.size()) - created);
  switch (format) {
    case Format::json: {
      nlohmann::json json = {
          {"schema", "benchctl.alerts/1"}, {"new", created}, {"alerts", nlohmann::json::array()}};
      for (const analysis::DigestEntry& entry : digest) {
        nlohmann::json alert = alert_json(entry.alert);
        alert["was"] = entry.was ? nlohmann::json(store::name_of(*entry.was)) : nullptr;
        json["alerts"].push_back(alert);
      }
      return json.dump(2) + "\n";
    }
    case Format::csv:
      return render_csv(digest_table(digest));
    case Format::markdown:
      return fmt::format("## Alerts · {}\n\n", headline) +
             (digest.empty() ? "" : render_markdown(digest_table(digest)));
    case Format::table:
      break;
  }
  return headline + (digest.empty() ? "\n" : ":\n" + render_text(digest_table(digest)));
}

}  // namespace benchctl::report
