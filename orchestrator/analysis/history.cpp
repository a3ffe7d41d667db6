#include "analysis/history.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "analysis/comparison.h"
#include "analysis/history_levels.h"
#include "stats/distributions.h"
#include "stats/multiple_testing.h"
#include "stats/summary.h"
#include "util/enum_names.h"

namespace benchctl::analysis {
namespace {

// A run's median and its interval: the median of the per-process figures, ± t × its standard
// error (√(π/2) σ/√n for a median), σ from the processes' spread.
SeriesPoint point_of(const store::HistoryPoint& stored, const stats::Policy& policy) {
  const std::vector<double>& figures = policy.cpu_time ? stored.cpu_medians : stored.real_medians;
  SeriesPoint point;
  point.run_id = stored.run_id;
  point.started_at = stored.started_at;
  point.commit = stored.commit;
  point.processes = figures.size();
  point.median = point.own = point.level = stats::median(figures);
  point.interval = {point.median, point.median};
  if (figures.size() >= 2) {
    const double n = static_cast<double>(figures.size());
    const double error = std::sqrt(std::numbers::pi / 2) * stats::stddev(figures) / std::sqrt(n);
    const double t = stats::t_quantile(n - 1, (1 + policy.confidence) / 2);
    point.interval = {point.median - t * error, point.median + t * error};
  }
  return point;
}

constexpr util::EnumNames<ChangeCause, 3> kCauseNames{{{ChangeCause::benchmark, "benchmark"},
                                                       {ChangeCause::suite_wide, "suite-wide"},
                                                       {ChangeCause::machine, "machine"}}};

// Where a run stands among the history's runs (`runs` ascending); a run not among them, where it
// would.
std::ptrdiff_t position_of(const std::vector<std::int64_t>& runs, std::int64_t run) {
  return std::lower_bound(runs.begin(), runs.end(), run) - runs.begin();
}

// A change as events are matched: where its new level starts among the runs, and which way.
struct Event {
  std::ptrdiff_t position = 0;
  bool regression = false;
};

Event event_of(const std::vector<std::int64_t>& runs, std::int64_t first_run, double ratio) {
  return {position_of(runs, first_run), ratio > 1};
}

// Change points within one run of each other, the same way, are one event.
constexpr std::ptrdiff_t kSameEventRuns = 1;

bool same_event(const Event& a, const Event& b) {
  return std::abs(a.position - b.position) <= kSameEventRuns && a.regression == b.regression;
}

Event event_of(const std::vector<std::int64_t>& runs, const HistoryChangePoint& c) {
  return event_of(runs, c.first_run, c.change.ratio);
}

std::vector<double> medians_of(const BenchmarkHistory& series) {
  std::vector<double> medians;
  for (const SeriesPoint& point : series.points)
    medians.push_back(point.median);
  return medians;
}

stats::ChangePointOptions options_for(const BenchmarkHistory& series,
                                      const HistoryOptions& options) {
  stats::ChangePointOptions change_options;
  change_options.min_segment = options.min_segment;
  change_options.alpha = series.policy.alpha;
  change_options.confidence = series.policy.confidence;
  return change_options;
}

// Where the calibration benchmark's own figures moved: the machine's moves.
std::vector<Event> calibration_moves(const History& history, const HistoryOptions& options) {
  std::vector<Event> moves;
  for (const BenchmarkHistory& b : history.benchmarks) {
    if (!is_calibration(b.name) || !b.not_searched.empty())
      continue;
    for (const stats::ChangePoint& change :
         stats::change_point_candidates(medians_of(b), options_for(b, options))) {
      if (b.policy.significant(change.p_value) && b.policy.beyond_noise_floor(change.ratio))
        moves.push_back(event_of(history.runs, b.points[change.index].run_id, change.ratio));
    }
  }
  return moves;
}

bool among(const std::vector<HistoryChangePoint>& changes, const Event& event,
           const std::vector<std::int64_t>& runs) {
  return std::any_of(changes.begin(), changes.end(), [&](const HistoryChangePoint& c) {
    return same_event(event, event_of(runs, c));
  });
}

// Whether a change found in a benchmark's medians as measured is significant, at least the noise
// floor and the same way in its own series (corrected for the machine) across the same runs.
bool moved_when_corrected(const BenchmarkHistory& series, const stats::ChangePoint& change,
                          const HistoryOptions& options) {
  std::vector<double> own;
  for (const SeriesPoint& point : series.points)
    own.push_back(point.own);
  const stats::ChangePoint corrected =
      stats::test_split(own, change.index - change.before_count, change.index,
                        change.index + change.after_count, options_for(series, options));
  return series.policy.significant(corrected.p_value) &&
         series.policy.beyond_noise_floor(corrected.ratio) &&
         (corrected.ratio > 1) == (change.ratio > 1);
}

// The change points found in each kind of series of one benchmark.
struct Found {
  std::vector<HistoryChangePoint> own;       // its own series (corrected for the machine, if so)
  std::vector<HistoryChangePoint> measured;  // its medians as measured, when corrected
  std::vector<HistoryChangePoint> relative;  // relative to the common level, when there is one
};

// Which change points each benchmark shows, and why it moved. A benchmark that moved shows its
// change with its own size: its own, when it also moved beyond the suite; suite-wide when the
// common level moved with it; the machine's when the calibration benchmarks did (and, corrected
// for them, it did not move). A benchmark that moved only relative to a suite that moved, or only
// against a calibration that moved, is not reported. The common level's own changes are the
// machine's or suite-wide.
void attribute(History& history, std::vector<Found>& found, const HistoryOptions& options) {
  const std::vector<std::int64_t>& runs = history.runs;
  const std::vector<Event> machine_moves = calibration_moves(history, options);
  auto machine_moved = [&](const Event& event) {
    return std::any_of(machine_moves.begin(), machine_moves.end(),
                       [&](const Event& k) { return same_event(event, k); });
  };
  // Either way: corrected for a calibration that moved, a benchmark that did not moves the other.
  auto machine_moved_then = [&](const Event& event) {
    return machine_moved(event) || machine_moved({event.position, !event.regression});
  };
  std::vector<HistoryChangePoint> suite_moves;
  if (history.relative) {
    BenchmarkHistory& common = history.benchmarks.back();
    suite_moves = found.back().own;
    for (HistoryChangePoint& c : suite_moves)
      c.cause = machine_moved(event_of(runs, c)) ? ChangeCause::machine : ChangeCause::suite_wide;
    common.change_points = suite_moves;
  }
  for (std::size_t b = 0; b < history.benchmarks.size(); ++b) {
    BenchmarkHistory& series = history.benchmarks[b];
    if (series.common_level)
      continue;
    const Found& f = found[b];
    const bool calibration = is_calibration(series.name);
    for (HistoryChangePoint c : f.own) {
      const Event event = event_of(runs, c);
      if (calibration) {
        c.cause = ChangeCause::machine;
      } else if (history.machine_corrected && machine_moved_then(event) &&
                 !among(f.measured, event, runs)) {
        continue;  // the calibration moved, the benchmark did not
      } else if (!history.machine_corrected && machine_moved(event)) {
        c.cause = ChangeCause::machine;
      } else if (!among(f.relative, event, runs) && among(suite_moves, event, runs)) {
        c.cause = ChangeCause::suite_wide;
      }
      series.change_points.push_back(c);
    }
    for (HistoryChangePoint c : f.measured) {
      const Event event = event_of(runs, c);
      if (among(f.own, event, runs))
        continue;
      // Found as measured only: its own when, corrected for the machine across the same runs,
      // it still moved that way; the machine's otherwise (a machine that drifts over several
      // nights has no change point of its own to match).
      if (machine_moved(event) || !moved_when_corrected(series, c.change, options))
        c.cause = ChangeCause::machine;
      series.change_points.push_back(c);
    }
    for (const HistoryChangePoint& c : f.relative) {
      const Event event = event_of(runs, c);
      if (!history.machine_corrected && !calibration && !among(f.own, event, runs) &&
          machine_moved(event))
        series.change_points.push_back(c);  // it moved against the machine
    }
    std::sort(series.change_points.begin(), series.change_points.end(),
              [](const HistoryChangePoint& x, const HistoryChangePoint& y) {
                return x.first_run < y.first_run;
              });
  }
}

// A change found in figures corrected for the machine or the suite shows the medians the runs
// measured on each side: its size stays that of the figures searched.
stats::ChangePoint with_medians_of(const BenchmarkHistory& series, stats::ChangePoint change) {
  if (series.common_level)
    return change;
  auto side_median = [&](std::size_t from, std::size_t to) {
    std::vector<double> medians;
    for (std::size_t i = from; i < to; ++i)
      medians.push_back(series.points[i].median);
    return stats::median(medians);
  };
  change.before = side_median(change.index - change.before_count, change.index);
  change.after = side_median(change.index, change.index + change.after_count);
  return change;
}

// The runs the options keep: since a date, then the newest N.
std::set<std::int64_t> kept_runs(const std::vector<store::HistoryPoint>& points,
                                 const HistoryOptions& options) {
  std::set<std::int64_t> runs;
  for (const store::HistoryPoint& point : points) {
    if (!options.since || point.started_at >= *options.since)
      runs.insert(point.run_id);
  }
  if (options.last && static_cast<int>(runs.size()) > *options.last) {
    runs.erase(runs.begin(),
               std::next(runs.begin(), static_cast<std::ptrdiff_t>(runs.size()) - *options.last));
  }
  return runs;
}

// A series per timed benchmark the filter keeps, of its points in `runs`.
void add_series(History& history, const std::vector<store::HistoryPoint>& points,
                const std::set<std::int64_t>& runs, const HistoryOptions& options) {
  // The points come ordered by name, then run: the filter is asked once per name.
  std::string last_name;
  bool wanted = false;
  for (const store::HistoryPoint& point : points) {
    if (point.name != last_name) {
      last_name = point.name;
      wanted = !options.filter || std::regex_search(point.name, *options.filter);
    }
    if (!wanted || !runs.contains(point.run_id))
      continue;
    if (const auto start = options.series_starts.find(point.name);
        start != options.series_starts.end() && point.run_id < start->second)
      continue;
    const auto& figures = point.settings.policy.cpu_time ? point.cpu_medians : point.real_medians;
    if (figures.empty())
      continue;  // not timed (instructions only)
    if (history.benchmarks.empty() || history.benchmarks.back().name != point.name)
      history.benchmarks.emplace_back().name = point.name;
    BenchmarkHistory& series = history.benchmarks.back();
    series.policy = point.settings.policy;
    series.points.push_back(point_of(point, point.settings.policy));
    if (series.points.back().median <= 0 && series.not_searched.empty()) {
      series.not_searched = fmt::format("run {} has a median of {}, and changes are relative",
                                        point.run_id, series.points.back().median);
    }
  }
}

// Candidates of every series, corrected together: each benchmark's own; when corrected for the
// machine, each one's medians as measured too; when the history is relative, each one's relative
// to the common level, and the common level's.
enum class Kind { own, measured, relative };
struct Candidate {
  std::size_t benchmark;
  Kind kind;
  stats::ChangePoint change;
};

std::vector<Candidate> change_candidates(const History& history, const HistoryOptions& options) {
  std::vector<Candidate> candidates;
  for (std::size_t b = 0; b < history.benchmarks.size(); ++b) {
    const BenchmarkHistory& series = history.benchmarks[b];
    if (!series.not_searched.empty())
      continue;
    // Corrected for the machine: a benchmark that is not calibration, of a suite that has some.
    // The calibration benchmarks are then neither corrected nor part of the common level.
    const bool corrected = history.machine_corrected && !is_calibration(series.name);
    for (const Kind kind : {Kind::own, Kind::measured, Kind::relative}) {
      if ((kind == Kind::measured && (!corrected || series.common_level)) ||
          (kind == Kind::relative &&
           (!history.relative || series.common_level || (history.machine_corrected && !corrected))))
        continue;
      std::vector<double> figures;
      for (const SeriesPoint& point : series.points) {
        figures.push_back(kind == Kind::own        ? point.own
                          : kind == Kind::measured ? point.median
                                                   : point.level);
      }
      for (const stats::ChangePoint& change :
           stats::change_point_candidates(figures, options_for(series, options)))
        candidates.push_back({b, kind, change});
    }
  }
  return candidates;
}

// The candidates significant once corrected together, per benchmark and kind of series.
std::vector<Found> find_changes(History& history, const HistoryOptions& options) {
  const std::vector<Candidate> candidates = change_candidates(history, options);
  std::vector<double> p_values;
  for (const Candidate& candidate : candidates)
    p_values.push_back(candidate.change.p_value);
  const std::vector<double> adjusted = stats::benjamini_hochberg(p_values);
  std::vector<Found> found(history.benchmarks.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    BenchmarkHistory& series = history.benchmarks[candidates[i].benchmark];
    const stats::ChangePoint& change = candidates[i].change;
    if (!series.policy.significant(adjusted[i]) || !series.policy.beyond_noise_floor(change.ratio))
      continue;
    const SeriesPoint& first = series.points[change.index];
    Found& f = found[candidates[i].benchmark];
    (candidates[i].kind == Kind::own        ? f.own
     : candidates[i].kind == Kind::measured ? f.measured
                                            : f.relative)
        .push_back({with_medians_of(series, change), adjusted[i], first.run_id, first.started_at,
                    series.points[change.index - 1].commit, first.commit});
  }
  return found;
}

}  // namespace

std::string name_of(ChangeCause cause) {
  return util::name_of(kCauseNames, cause);
}

void mark_known(History& history, const std::vector<KnownChangePoint>& known) {
  history.against_earlier = true;
  for (BenchmarkHistory& b : history.benchmarks) {
    for (HistoryChangePoint& c : b.change_points) {
      const Event event = event_of(history.runs, c);
      c.known = std::any_of(known.begin(), known.end(), [&](const KnownChangePoint& k) {
        return k.benchmark == b.name &&
               same_event(event, {position_of(history.runs, k.first_run), k.regression});
      });
    }
  }
}

std::size_t new_alerting_regressions(const History& history) {
  std::size_t count = 0;
  for (const BenchmarkHistory& b : history.benchmarks) {
    count += std::count_if(
        b.change_points.begin(), b.change_points.end(),
        [](const HistoryChangePoint& c) { return c.alerting_regression() && !c.known; });
  }
  return count;
}

History analyse_history(const std::vector<store::HistoryPoint>& points, store::Machine machine,
                        std::vector<store::Machine> others, const HistoryOptions& options) {
  History history;
  history.machine = std::move(machine);
  history.others = std::move(others);
  const std::set<std::int64_t> runs = kept_runs(points, options);
  history.runs.assign(runs.begin(), runs.end());
  add_series(history, points, runs, options);
  correct_for_machine(history);
  add_common_level(history);
  std::vector<Found> found = find_changes(history, options);
  attribute(history, found, options);
  return history;
}

}  // namespace benchctl::analysis
