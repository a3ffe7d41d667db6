// The figures of a load test (`load:` entries), from its processes' seconds and histograms:
// latency percentiles from the whole run's histogram, each with an interval from a bootstrap
// over seconds (a second is the unit: a stall correlates the requests inside it); the success
// and achieved rates; the recovery after a burst; the resident set's slope (a leak) and the
// latency's degradation over the steady part.
//
// The seconds of a run, after the warm-up, fall into phases: the rest of the ramp-up, steady,
// the burst, the recovery after it (until a second's p99 is back within 1.5× of the steady p99
// before the burst), and the drain after the duration. The steady seconds are the ones the rates,
// the slope and the degradation are computed over.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/bootstrap.h"
#include "store/records.h"

namespace benchctl::analysis {

struct LoadFigure {
  double value = 0;
  std::optional<stats::Interval> interval;
};

enum class LoadPhase { ramp_up, steady, burst, recovery, drain };
std::string to_string(LoadPhase phase);

// One second of one process, as reports show it.
struct LoadSecondFigures {
  int process = 0;
  int second = 0;
  LoadPhase phase = LoadPhase::steady;
  double sent = 0, completed = 0, errors = 0, late = 0, backlog = 0;
  std::optional<double> p50, p90, p99, max;  // seconds; none when nothing completed in it
  std::optional<double> rss_bytes;
  std::optional<double> cpu_seconds;
};

struct LoadFigures {
  store::LoadSpec scenario;
  std::uint64_t intended = 0, sent = 0, completed = 0, errors = 0, late = 0, dropped = 0;
  std::string first_error;
  std::optional<double> success_rate;  // requests that succeeded / requests intended
  // Latency per request, from its intended start; none when nothing completed.
  std::optional<LoadFigure> p50, p90, p95, p99, p999, max, mean;
  std::optional<LoadFigure> achieved_rate;  // successes per second over the steady seconds
  // After a burst: seconds from its end until a second's p99 is back within 1.5× of the steady
  // p99 before it (the slowest process); `recovered` false when no second was.
  std::optional<double> recovery_time;
  bool recovered = true;
  std::optional<LoadFigure> rss_slope;    // bytes per minute over the steady seconds
  std::optional<LoadFigure> degradation;  // median latency of the last steady window / first − 1
  std::optional<double> schedule_error_p99;  // seconds a request started after its intended time
  double max_backlog = 0;
  int steady_seconds = 0;
  std::vector<LoadSecondFigures> seconds;
};

// Nothing for a result that is not a load test or has no load process.
std::optional<LoadFigures> compute_load_figures(const store::ResultRecord& result,
                                                double confidence);

}  // namespace benchctl::analysis
