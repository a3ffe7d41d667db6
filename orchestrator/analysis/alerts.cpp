#include "analysis/alerts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace benchctl::analysis {
namespace {

// Change points within one run of each other are one change (as history.h's known ones).
constexpr std::ptrdiff_t kSameChangeRuns = 1;

class Positions {
 public:
  explicit Positions(const std::vector<std::int64_t>& runs) : runs_(runs) {}
  // Where a run stands among the history's runs; a run not among them, where it would.
  std::ptrdiff_t of(std::int64_t run) const {
    return std::lower_bound(runs_.begin(), runs_.end(), run) - runs_.begin();
  }
  bool near(std::int64_t a, std::int64_t b) const {
    return std::abs(of(a) - of(b)) <= kSameChangeRuns;
  }

 private:
  const std::vector<std::int64_t>& runs_;
};

store::AlertChange change_of(const std::string& benchmark, const HistoryChangePoint& c) {
  return {benchmark,       c.first_run,           c.change.before,        c.change.after,
          c.change.ratio,  c.change.interval.low, c.change.interval.high, c.adjusted_p_value,
          name_of(c.cause)};
}

bool same_figures(const store::AlertChange& a, const store::AlertChange& b) {
  return a.first_run == b.first_run && a.ratio == b.ratio && a.low == b.low && a.high == b.high &&
         a.before == b.before && a.after == b.after && a.p_value == b.p_value && a.cause == b.cause;
}

std::string percent(double ratio) {
  return fmt::format("{:+.1f}%", 100 * (ratio - 1));
}

// The run from which `series` is back below the middle of `change` (a later speed-up that is not
// the machine's), if it is.
std::optional<std::int64_t> back_at(const BenchmarkHistory& series,
                                    const store::AlertChange& change, const Positions& positions) {
  for (const HistoryChangePoint& c : series.change_points) {
    if (c.change.ratio < 1 && c.cause != ChangeCause::machine &&
        positions.of(c.first_run) > positions.of(change.first_run) + kSameChangeRuns &&
        c.change.after <= change.before * std::sqrt(change.ratio))
      return c.first_run;
  }
  return std::nullopt;
}

// An open alert fixes itself when each of its benchmarks came back.
void mark_fixed_by_itself(ScannedAlert& scanned, const History& history, const Positions& positions,
                          const std::string& now) {
  store::Alert& alert = scanned.alert;
  if (!alert.open() || alert.changes.empty())
    return;
  std::int64_t latest = 0;
  for (const store::AlertChange& change : alert.changes) {
    const auto series =
        std::find_if(history.benchmarks.begin(), history.benchmarks.end(),
                     [&](const BenchmarkHistory& b) { return b.name == change.benchmark; });
    const auto run =
        series == history.benchmarks.end() ? std::nullopt : back_at(*series, change, positions);
    if (!run)
      return;
    latest = std::max(latest, *run);
  }
  alert.fixed_at_run = latest;
  alert.move_to(store::AlertState::fixed, now,
                fmt::format("back to the old level from run {}, by itself", latest));
  scanned.changed = true;
}

}  // namespace

std::vector<ScannedAlert> scan_alerts(const History& history, const History& since_open,
                                      const std::string& suite, std::vector<store::Alert> existing,
                                      const std::string& now) {
  const Positions positions(history.runs);
  std::vector<ScannedAlert> scanned;
  for (store::Alert& alert : existing)
    scanned.push_back({std::move(alert), false});

  for (const BenchmarkHistory& series : history.benchmarks) {
    if (series.common_level)
      continue;  // its moves show on the benchmarks that moved
    for (const HistoryChangePoint& c : series.change_points) {
      if (!c.alerting_regression())
        continue;
      const store::AlertChange change = change_of(series.name, c);
      // In an alert already: its figures follow the history while it is open.
      bool held = false;
      for (ScannedAlert& s : scanned) {
        for (store::AlertChange& kept : s.alert.changes) {
          if (held || kept.benchmark != series.name || !positions.near(kept.first_run, c.first_run))
            continue;
          held = true;
          if (s.alert.open() && !same_figures(kept, change)) {
            kept = change;
            s.alert.updated_at = now;
            s.changed = true;
          }
        }
      }
      if (held)
        continue;
      // Grouped with an open alert of the same commit range.
      const auto group = std::find_if(scanned.begin(), scanned.end(), [&](const ScannedAlert& s) {
        return s.alert.open() && positions.near(s.alert.first_run, c.first_run);
      });
      if (group != scanned.end()) {
        group->alert.changes.push_back(change);
        std::sort(group->alert.changes.begin(), group->alert.changes.end(),
                  [](const auto& a, const auto& b) { return a.benchmark < b.benchmark; });
        group->alert.updated_at = now;
        group->changed = true;
        continue;
      }
      store::Alert alert;
      alert.suite = suite;
      alert.host = history.machine.host;
      alert.cpu_model = history.machine.cpu_model;
      alert.first_run = c.first_run;
      alert.commit_before = c.commit_before;
      alert.commit_after = c.commit_after;
      alert.created_at = now;
      alert.changes = {change};
      alert.move_to(
          store::AlertState::untriaged, now,
          fmt::format("{} {} from run {}", series.name, percent(c.change.ratio), c.first_run));
      scanned.push_back({std::move(alert), true});
    }
  }
  for (ScannedAlert& s : scanned)
    mark_fixed_by_itself(s, since_open, positions, now);
  return scanned;
}

std::vector<DigestEntry> take_digest(std::vector<ScannedAlert>& alerts) {
  std::vector<DigestEntry> digest;
  for (ScannedAlert& s : alerts) {
    if (s.alert.reported_state == s.alert.state)
      continue;
    digest.push_back({s.alert, s.alert.reported_state});
    s.alert.reported_state = s.alert.state;
    s.changed = true;
  }
  return digest;
}

namespace {

template <class Which>
std::map<std::string, std::int64_t> starts_of(const std::vector<store::Alert>& alerts,
                                              Which which) {
  std::map<std::string, std::int64_t> starts;
  for (const store::Alert& alert : alerts) {
    if (!which(alert))
      continue;
    for (const store::AlertChange& change : alert.changes) {
      std::int64_t& start = starts[change.benchmark];
      start = std::max(start, change.first_run);
    }
  }
  return starts;
}

}  // namespace

std::map<std::string, std::int64_t> series_starts(const std::vector<store::Alert>& alerts) {
  return starts_of(alerts,
                   [](const store::Alert& a) { return a.state == store::AlertState::accepted; });
}

std::map<std::string, std::int64_t> open_alert_starts(const std::vector<store::Alert>& alerts) {
  return starts_of(alerts, [](const store::Alert& a) {
    return a.state == store::AlertState::accepted || a.open();
  });
}

}  // namespace benchctl::analysis
