#include "analysis/history.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "analysis/comparison.h"
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
  point.median = stats::median(figures);
  point.interval = {point.median, point.median};
  if (figures.size() >= 2) {
    const double n = static_cast<double>(figures.size());
    const double error = std::sqrt(std::numbers::pi / 2) * stats::stddev(figures) / std::sqrt(n);
    const double t =
        boost::math::quantile(boost::math::students_t(n - 1), (1 + policy.confidence) / 2);
    point.interval = {point.median - t * error, point.median + t * error};
  }
  return point;
}

constexpr util::EnumNames<ChangeCause, 3> kCauseNames{{{ChangeCause::benchmark, "benchmark"},
                                                       {ChangeCause::suite_wide, "suite-wide"},
                                                       {ChangeCause::machine, "machine"}}};

// Change points within one run of each other, the same way, are one event.
constexpr std::size_t kSameEventRuns = 1;

bool same_event(const HistoryChangePoint& a, std::size_t a_position, const HistoryChangePoint& b,
                std::size_t b_position) {
  const std::size_t apart =
      a_position > b_position ? a_position - b_position : b_position - a_position;
  return apart <= kSameEventRuns && a.regression() == b.regression();
}

// Names each change point's cause from the others at the same run: the calibration benchmark's,
// then how many of the suite's benchmarks changed with it.
void attribute_causes(History& history, const std::vector<std::int64_t>& runs) {
  auto position = [&](const HistoryChangePoint& c) {
    return static_cast<std::size_t>(std::lower_bound(runs.begin(), runs.end(), c.first_run) -
                                    runs.begin());
  };
  std::vector<const HistoryChangePoint*> calibration_changes;
  std::size_t benchmarks = 0;
  for (const BenchmarkHistory& b : history.benchmarks) {
    if (is_calibration(b.name)) {
      for (const HistoryChangePoint& c : b.change_points)
        calibration_changes.push_back(&c);
    } else {
      ++benchmarks;
    }
  }
  for (BenchmarkHistory& b : history.benchmarks) {
    for (HistoryChangePoint& c : b.change_points) {
      if (is_calibration(b.name) ||
          std::any_of(calibration_changes.begin(), calibration_changes.end(),
                      [&](const HistoryChangePoint* k) {
                        return same_event(c, position(c), *k, position(*k));
                      })) {
        c.cause = ChangeCause::machine;
        continue;
      }
      std::size_t together = 0;
      for (const BenchmarkHistory& other : history.benchmarks) {
        if (is_calibration(other.name))
          continue;
        together += std::any_of(other.change_points.begin(), other.change_points.end(),
                                [&](const HistoryChangePoint& k) {
                                  return same_event(c, position(c), k, position(k));
                                });
      }
      if (benchmarks >= static_cast<std::size_t>(kShiftMinimum) &&
          static_cast<double>(together) >= kShiftAgreement * static_cast<double>(benchmarks))
        c.cause = ChangeCause::suite_wide;
    }
  }
}

stats::ChangePointOptions options_for(const BenchmarkHistory& series,
                                      const HistoryOptions& options) {
  stats::ChangePointOptions change_options;
  change_options.min_segment = options.min_segment;
  change_options.alpha = series.policy.alpha;
  change_options.confidence = series.policy.confidence;
  return change_options;
}

// The suite's common level: each benchmark's log median centred on its own median over the
// runs, and per run the median of those over its benchmarks. Every point gets its level (its
// median over the run's common level) and the common level becomes a series of its own. Nothing
// changes when fewer than kCommonLevelMinimum benchmarks are timed.
void add_common_level(History& history) {
  if (history.benchmarks.size() < kCommonLevelMinimum)
    return;
  std::map<std::int64_t, std::vector<double>> deviations;
  std::map<std::int64_t, const SeriesPoint*> any_point;
  for (const BenchmarkHistory& b : history.benchmarks) {
    std::vector<double> logs;
    for (const SeriesPoint& point : b.points)
      logs.push_back(std::log(point.median));
    const double centre = stats::median(logs);
    for (std::size_t i = 0; i < b.points.size(); ++i) {
      deviations[b.points[i].run_id].push_back(logs[i] - centre);
      any_point.emplace(b.points[i].run_id, &b.points[i]);
    }
  }
  BenchmarkHistory common{kCommonLevelName, history.benchmarks.front().policy, {}, {}, true};
  std::map<std::int64_t, double> factor;
  for (auto& [run, values] : deviations) {
    if (values.size() < kCommonLevelMinimum)
      continue;  // too few benchmarks in this run to tell the machine from one of them
    factor[run] = std::exp(stats::median(values));
    SeriesPoint point;
    point.run_id = run;
    point.started_at = any_point.at(run)->started_at;
    point.commit = any_point.at(run)->commit;
    point.median = point.level = factor[run];
    point.interval = {point.median, point.median};
    point.processes = values.size();
    common.points.push_back(point);
  }
  for (BenchmarkHistory& b : history.benchmarks) {
    for (SeriesPoint& point : b.points) {
      const auto found = factor.find(point.run_id);
      point.level = point.median / (found == factor.end() ? 1.0 : found->second);
    }
  }
  history.benchmarks.push_back(std::move(common));
  history.relative = true;
}

// Relative to the common level a benchmark's change is its own; the common level's changes are
// the machine's when the calibration benchmark's own figures moved the same way within a run,
// else suite-wide.
void attribute_common_causes(History& history, const std::vector<std::int64_t>& runs,
                             const HistoryOptions& options) {
  auto position = [&](std::int64_t run) {
    return static_cast<std::size_t>(std::lower_bound(runs.begin(), runs.end(), run) - runs.begin());
  };
  std::vector<HistoryChangePoint> calibration_moves;
  for (const BenchmarkHistory& b : history.benchmarks) {
    if (!is_calibration(b.name))
      continue;
    std::vector<double> medians;
    for (const SeriesPoint& point : b.points)
      medians.push_back(point.median);
    for (const stats::ChangePoint& change :
         stats::change_point_candidates(medians, options_for(b, options))) {
      if (change.p_value < b.policy.alpha && std::abs(change.ratio - 1) >= b.policy.noise_floor)
        calibration_moves.push_back(
            {change, change.p_value, b.points[change.index].run_id, "", "", ""});
    }
  }
  for (BenchmarkHistory& b : history.benchmarks) {
    for (HistoryChangePoint& c : b.change_points) {
      if (is_calibration(b.name)) {
        c.cause = ChangeCause::machine;
      } else if (b.common_level) {
        const bool with_calibration =
            std::any_of(calibration_moves.begin(), calibration_moves.end(), [&](const auto& k) {
              return same_event(c, position(c.first_run), k, position(k.first_run));
            });
        c.cause = with_calibration ? ChangeCause::machine : ChangeCause::suite_wide;
      }
    }
  }
}

}  // namespace

std::string name_of(ChangeCause cause) {
  return util::name_of(kCauseNames, cause);
}

void mark_known(History& history, const std::vector<KnownChangePoint>& known) {
  history.against_earlier = true;
  std::vector<std::int64_t> runs;
  for (const BenchmarkHistory& b : history.benchmarks) {
    for (const SeriesPoint& point : b.points)
      runs.push_back(point.run_id);
  }
  std::sort(runs.begin(), runs.end());
  runs.erase(std::unique(runs.begin(), runs.end()), runs.end());
  auto position = [&](std::int64_t run) {
    return std::lower_bound(runs.begin(), runs.end(), run) - runs.begin();
  };
  for (BenchmarkHistory& b : history.benchmarks) {
    for (HistoryChangePoint& c : b.change_points) {
      c.known = std::any_of(known.begin(), known.end(), [&](const KnownChangePoint& k) {
        return k.benchmark == b.name && k.regression == c.regression() &&
               std::abs(position(k.first_run) - position(c.first_run)) <=
                   static_cast<std::ptrdiff_t>(kSameEventRuns);
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

  // The runs the options keep: since a date, then the newest N.
  std::set<std::int64_t> runs;
  for (const store::HistoryPoint& point : points) {
    if (!options.since || point.started_at >= *options.since)
      runs.insert(point.run_id);
  }
  if (options.last && static_cast<int>(runs.size()) > *options.last) {
    runs.erase(runs.begin(),
               std::next(runs.begin(), static_cast<std::ptrdiff_t>(runs.size()) - *options.last));
  }

  // The points come ordered by name, then run.
  for (const store::HistoryPoint& point : points) {
    if (!runs.contains(point.run_id) ||
        (options.filter && !std::regex_search(point.name, *options.filter)))
      continue;
    const auto& figures = point.settings.policy.cpu_time ? point.cpu_medians : point.real_medians;
    if (figures.empty())
      continue;  // not timed (instructions only)
    if (history.benchmarks.empty() || history.benchmarks.back().name != point.name)
      history.benchmarks.push_back({point.name, point.settings.policy, {}, {}});
    history.benchmarks.back().policy = point.settings.policy;
    history.benchmarks.back().points.push_back(point_of(point, point.settings.policy));
  }

  const std::vector<std::int64_t> run_order(runs.begin(), runs.end());
  add_common_level(history);

  // Candidates of every benchmark, corrected together.
  struct Candidate {
    std::size_t benchmark;
    stats::ChangePoint change;
  };
  std::vector<Candidate> candidates;
  for (std::size_t b = 0; b < history.benchmarks.size(); ++b) {
    const BenchmarkHistory& series = history.benchmarks[b];
    std::vector<double> figures;
    for (const SeriesPoint& point : series.points)
      figures.push_back(history.relative && !series.common_level ? point.level : point.median);
    for (const stats::ChangePoint& change :
         stats::change_point_candidates(figures, options_for(series, options)))
      candidates.push_back({b, change});
  }
  std::vector<double> p_values;
  for (const Candidate& candidate : candidates)
    p_values.push_back(candidate.change.p_value);
  const std::vector<double> adjusted = stats::benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    BenchmarkHistory& series = history.benchmarks[candidates[i].benchmark];
    const stats::ChangePoint& change = candidates[i].change;
    if (adjusted[i] >= series.policy.alpha ||
        std::abs(change.ratio - 1) < series.policy.noise_floor)
      continue;
    const SeriesPoint& first = series.points[change.index];
    series.change_points.push_back({change, adjusted[i], first.run_id, first.started_at,
                                    series.points[change.index - 1].commit, first.commit});
  }
  if (history.relative)
    attribute_common_causes(history, run_order, options);
  else
    attribute_causes(history, run_order);
  return history;
}

}  // namespace benchctl::analysis
