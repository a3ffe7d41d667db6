// From a history's change points to alerts: each slowdown that is not the machine's becomes part
// of an alert, grouped with the others of the same commit range, and an open alert whose
// benchmarks all came back to their old level is fixed by itself. What a team decided stays: a
// change point already in an alert, whatever its state, is never alerted on again.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/history.h"
#include "store/alerts.h"

namespace benchctl::analysis {

struct ScannedAlert {
  store::Alert alert;
  bool changed = false;  // new, or its changes or state moved: to be stored
};

// A digest's line: an alert new since the last digest, or whose state changed since.
struct DigestEntry {
  store::Alert alert;
  std::optional<store::AlertState> was;  // the state the last digest showed; none: new
};

// Every alert of `history`'s series after this history: `existing` (the series' stored alerts)
// updated, and new ones (id 0) for the slowdowns no alert holds. `since_open` is the same history
// with each open alert's benchmarks restarted at its change (open_alert_starts): a speed-up there
// back past the middle of the change, in each of its benchmarks, fixes the alert by itself. (In
// the whole series a regression that came back is a bump, which a search for steps can miss.)
// `now`: ISO 8601 UTC.
std::vector<ScannedAlert> scan_alerts(const History& history, const History& since_open,
                                      const std::string& suite, std::vector<store::Alert> existing,
                                      const std::string& now);

// The alerts a digest shows (those whose state it has not shown yet), which are then marked
// shown (and changed).
std::vector<DigestEntry> take_digest(std::vector<ScannedAlert>& alerts);

// The run each benchmark's series restarts at: an accepted alert's change is the new normal, so
// runs before it are left out of its noise and change points.
std::map<std::string, std::int64_t> series_starts(const std::vector<store::Alert>& alerts);
// Those, and where each open alert's benchmarks changed: the series scan_alerts' `since_open`.
std::map<std::string, std::int64_t> open_alert_starts(const std::vector<store::Alert>& alerts);

}  // namespace benchctl::analysis
