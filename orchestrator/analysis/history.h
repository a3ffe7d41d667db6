// Each benchmark's series of stored runs on one machine, and the change points in it: where its
// level moved and stayed moved, as a nightly job watches for (stats/change_points.h). Runs of
// other hosts or CPU models are other series: they are never mixed.
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "stats/change_points.h"
#include "stats/verdict.h"
#include "store/records.h"

namespace benchctl::analysis {

// One run of a benchmark: its median time per operation and the interval of that median from its
// processes, at the policy's confidence.
struct SeriesPoint {
  std::int64_t run_id = 0;
  std::string started_at;
  std::string commit;
  double median = 0;
  stats::Interval interval;
  std::size_t processes = 0;
  // The median relative to the machine's level in this run, from the calibration benchmarks
  // (History::machine_corrected); the median itself otherwise. A benchmark's own series.
  double own = 0;
  // `own` relative to the suite's common level in this run (History::relative).
  double level = 0;
};

// What moved at a change point. A change of the machine (a noisy neighbour arriving, a host
// migration) moves every benchmark of a run at once, the calibration benchmark too, whose code
// never changes.
enum class ChangeCause {
  benchmark,   // this benchmark changed, relative to the rest of the suite
  suite_wide,  // most of the suite's benchmarks changed together, the calibration did not
  machine,     // the calibration benchmark changed the same way at the same run
};

struct HistoryChangePoint {
  stats::ChangePoint change;    // index: the first point of the new level
  double adjusted_p_value = 1;  // Benjamini-Hochberg across every benchmark's candidates
  std::int64_t first_run = 0;   // the first run at the new level
  std::string started_at;       // of that run
  std::string commit_before;    // the last run's commit before it and the first's after:
  std::string commit_after;     // the change came in between
  ChangeCause cause = ChangeCause::benchmark;
  bool known = false;  // an earlier history already reported it
  bool regression() const { return change.ratio > 1; }
  // A slowdown the code may have caused: what a nightly job alerts on.
  bool alerting_regression() const { return regression() && cause != ChangeCause::machine; }
};

std::string name_of(ChangeCause cause);

struct BenchmarkHistory {
  std::string name;
  stats::Policy policy;  // of the newest run
  std::vector<SeriesPoint> points;
  std::vector<HistoryChangePoint> change_points;
  // Why its change points were not searched (a median of zero has no relative change); empty
  // when they were.
  std::string not_searched;
  // The suite's common level, not a benchmark: per run the median over the benchmarks of each
  // one's figure relative to its usual level; its points' medians are ratios.
  bool common_level = false;
};

// The name of the common level's series.
inline constexpr const char* kCommonLevelName = "(common level)";
// Benchmarks a run needs for a common level: fewer cannot outvote one benchmark's own change.
inline constexpr std::size_t kCommonLevelMinimum = 3;

struct History {
  store::Machine machine;                    // the series shown
  std::vector<store::Machine> others;        // machines whose runs are other series
  std::vector<std::int64_t> runs;            // the runs shown, ascending
  std::vector<BenchmarkHistory> benchmarks;  // by name, then the common level when relative
  bool against_earlier = false;              // change points are marked known or new
  // Each benchmark's change points are searched in its own series and relative to the suite's
  // common level (the machine's moves, which move every benchmark of a run, cancel there): a
  // benchmark that moved shows its change, its own, suite-wide (the common level moved with it)
  // or the machine's (the calibration benchmark did); one that moved only relative to a suite
  // that moved is not reported. The common level's own change points are the machine's or
  // suite-wide.
  bool relative = false;
  // The suite holds calibration benchmarks, whose code never changes: each other benchmark's own
  // series is its median relative to their level in the same run, so that the machine's moves
  // cancel in it, and its changes are its own (or suite-wide), never the machine's.
  bool machine_corrected = false;
};

struct HistoryOptions {
  std::optional<std::regex> filter;  // benchmarks whose name matches
  std::optional<int> last;           // the newest N runs
  std::optional<std::string> since;  // runs started on or after this date (ISO 8601 prefix)
  std::size_t min_segment = 3;       // runs on each side of a change point
  // Benchmarks whose series start at a run (analysis/alerts.h: an accepted change restarts it).
  std::map<std::string, std::int64_t> series_starts;
};

// A change point an earlier history reported: a benchmark, the first run of its new level, and
// which way it went.
struct KnownChangePoint {
  std::string benchmark;
  std::int64_t first_run = 0;
  bool regression = false;
};

// Marks the change points of `history` that `known` already reported: the same benchmark, the
// same way, starting within a run of each other (a level's first run can move by one as nights
// are added).
void mark_known(History& history, const std::vector<KnownChangePoint>& known);

// Change points a nightly job alerts on: slowdowns not of the machine, not reported before.
std::size_t new_alerting_regressions(const History& history);

// Builds every benchmark's series from `points` (one machine's history) and finds its change
// points: candidates corrected together, kept when significant at each benchmark's alpha and at
// least its noise floor in size, each with its cause.
History analyse_history(const std::vector<store::HistoryPoint>& points, store::Machine machine,
                        std::vector<store::Machine> others, const HistoryOptions& options);

}  // namespace benchctl::analysis
