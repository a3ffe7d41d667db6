// When the requests of a load test are meant to start: a rate that ramps up linearly from zero,
// holds, and may jump to a burst rate for a while, turned into the intended start time of the
// k-th request by inverting the cumulative count N(t) = ∫ rate. Constant arrivals put request k
// at N⁻¹(k); Poisson arrivals put it at N⁻¹ of a unit-rate Poisson process's k-th event (time
// rescaling), so that a ramp or a burst shapes both alike.
#pragma once

#include <optional>
#include <vector>

namespace benchctl::runner {

enum class Arrival { constant, poisson };

struct Burst {
  double rate = 0;      // requests per second during the burst
  double duration = 0;  // seconds
  double at = 0;        // seconds from the start of the run
};

struct LoadProfile {
  double rate = 0;      // requests per second held after the ramp-up
  double duration = 0;  // seconds, the ramp-up included
  double ramp_up = 0;   // seconds from no load to `rate`, linearly
  std::optional<Burst> burst;
};

class LoadSchedule {
 public:
  // Throws Error for a profile that cannot be run (a non-positive rate or duration, a ramp-up
  // longer than the run, a burst outside it); the suite parser reports these to the user first.
  explicit LoadSchedule(const LoadProfile& profile);

  double rate_at(double seconds) const;
  // N(t): requests intended from the start up to `seconds`.
  double count_at(double seconds) const;
  // N⁻¹: the time at which the count reaches `count` (the run's duration beyond the total).
  double time_of(double count) const;
  // Requests intended over the whole run.
  double total() const { return count_at(duration_); }
  double duration() const { return duration_; }

 private:
  // The rate is linear within each segment: rate(t) = start_rate + slope (t - start).
  struct Segment {
    double start = 0, end = 0, start_rate = 0, slope = 0;
    double count_before = 0;  // N(start)
  };
  std::vector<Segment> segments_;
  double duration_ = 0;
};

}  // namespace benchctl::runner
