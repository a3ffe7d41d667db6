// One machine's history of a suite, as `history` and `alerts scan` read it: the machine asked for
// (default: the one of the newest run), its series, and each benchmark restarted where an
// accepted alert says its new level is the normal one.
#pragma once

#include <optional>
#include <string>

#include "analysis/history.h"
#include "store/store.h"

namespace benchctl::workflow {

struct SeriesRequest {
  std::optional<std::string> suite;  // runs of every suite when none
  std::string host;                  // empty: the machine of the newest run
  analysis::HistoryOptions options;  // its series_starts are the accepted alerts'
  // Restart each open alert's benchmarks at its change too (analysis::open_alert_starts).
  bool from_open_alerts = false;
  std::string database;  // how messages name it
};

// Throws InputError when there are no complete runs, no runs of `host`, or no timed benchmark.
analysis::History load_series_history(store::Store& store, SeriesRequest request);

}  // namespace benchctl::workflow
