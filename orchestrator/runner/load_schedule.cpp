#include "runner/load_schedule.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace benchctl::runner {

LoadSchedule::LoadSchedule(const LoadProfile& profile) : duration_(profile.duration) {
  // Written so that NaN fails every check: each says what must hold.
  auto positive = [](double x) { return x > 0 && std::isfinite(x); };
  if (!positive(profile.rate) || !positive(profile.duration))
    throw Error("a load profile needs a positive, finite rate and duration");
  if (!(profile.ramp_up >= 0 && profile.ramp_up <= profile.duration))
    throw Error("a load profile's ramp-up must fit in its duration");
  if (profile.burst &&
      !(positive(profile.burst->rate) && positive(profile.burst->duration) &&
        profile.burst->at >= 0 && profile.burst->at + profile.burst->duration <= profile.duration))
    throw Error("a load profile's burst must have a rate and fit in its duration");

  // Segments between the breakpoints: in the ramp-up the rate climbs linearly from zero, after
  // it holds, and a burst replaces either with its own rate. No segment straddles a breakpoint.
  std::vector<double> cuts = {0, profile.ramp_up, profile.duration};
  if (profile.burst)
    cuts.insert(cuts.end(), {profile.burst->at, profile.burst->at + profile.burst->duration});
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  double count = 0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    Segment s;
    s.start = cuts[i];
    s.end = cuts[i + 1];
    if (profile.burst && s.start >= profile.burst->at &&
        s.end <= profile.burst->at + profile.burst->duration) {
      s.start_rate = profile.burst->rate;
    } else if (s.end <= profile.ramp_up) {
      s.slope = profile.rate / profile.ramp_up;
      s.start_rate = s.slope * s.start;
    } else {
      s.start_rate = profile.rate;
    }
    s.count_before = count;
    const double length = s.end - s.start;
    count += s.start_rate * length + s.slope * length * length / 2;
    segments_.push_back(s);
  }
}

double LoadSchedule::rate_at(double seconds) const {
  for (const Segment& s : segments_) {
    if (seconds < s.end)
      return s.start_rate + s.slope * (std::max(seconds, s.start) - s.start);
  }
  return 0;
}

double LoadSchedule::count_at(double seconds) const {
  for (const Segment& s : segments_) {
    if (seconds < s.end) {
      const double x = std::max(seconds, s.start) - s.start;
      return s.count_before + s.start_rate * x + s.slope * x * x / 2;
    }
  }
  const Segment& last = segments_.back();
  const double x = last.end - last.start;
  return last.count_before + last.start_rate * x + last.slope * x * x / 2;
}

double LoadSchedule::time_of(double count) const {
  for (const Segment& s : segments_) {
    const double length = s.end - s.start;
    if (count >= s.count_before + s.start_rate * length + s.slope * length * length / 2)
      continue;
    // count_before + start_rate x + slope x² / 2 = count, for x in [0, length).
    const double remaining = std::max(0.0, count - s.count_before);
    if (s.slope == 0)
      return s.start + remaining / s.start_rate;  // positive: the segment holds requests
    const double x =
        (-s.start_rate + std::sqrt(s.start_rate * s.start_rate + 2 * s.slope * remaining)) /
        s.slope;
    return std::min(s.end, s.start + x);
  }
  return duration_;
}

}  // namespace benchctl::runner
