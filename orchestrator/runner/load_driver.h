// The open-loop load driver (wrk2's model, run inside a worker process): every request has an
// intended start time from the LoadSchedule, whatever the operation is doing, and its latency runs
// from that intended start. A stall therefore counts for every request it delays, instead of
// delaying the requests' sending and hiding itself (coordinated omission). When the operation
// cannot keep up, the backlog, the late requests and those never sent are reported, not hidden.
#pragma once

#include <benchctl/histogram.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runner/load_schedule.h"

namespace benchctl::runner {

struct DriverSettings {
  int threads = 1;
  Arrival arrival = Arrival::constant;
  double warmup = 0;       // seconds at the start whose requests are sent but not recorded
  std::uint64_t seed = 1;  // of Poisson arrivals
  // Each thread sends its next request when the previous one has returned and times it from its
  // actual start: what closed-loop harnesses do, for comparison. Off: open loop.
  bool closed_loop = false;
  double late_after = 1e-3;  // a request that starts this much after its intended time is late
  double drain = 1;          // seconds after the run's end still given to requests not yet sent
};

// One second of the run, by the time requests completed (sent: by the time they started).
struct LoadSecond {
  std::uint64_t sent = 0, completed = 0, errors = 0, late = 0;
  std::uint64_t backlog = 0;   // requests intended by the end of the second but not yet started
  LatencyHistogram latency;    // of the requests completed in it
  double latency_seconds = 0;  // their latencies summed
  std::optional<std::int64_t> rss_bytes;  // the process's resident set at the second's end
  double cpu_seconds = 0;                 // CPU time the process used during the second
};

struct LoadOutcome {
  std::vector<LoadSecond> seconds;
  LatencyHistogram latency;         // every recorded request, from its intended start
  LatencyHistogram schedule_error;  // how late requests started: actual − intended start
  std::uint64_t intended = 0;       // requests the schedule held after the warm-up
  std::uint64_t sent = 0, completed = 0, errors = 0, late = 0;
  std::uint64_t dropped = 0;  // intended but never sent: the run and its drain time were over
  double elapsed = 0;         // seconds from the start to the last completion
  std::string first_error;    // the first failure's message
};

// Performs one request; returns an error message when it failed. An exception is a failure with
// its message.
using Operation = std::function<std::optional<std::string>()>;

LoadOutcome drive_load(const LoadSchedule& schedule, const DriverSettings& settings,
                       const Operation& operation);

}  // namespace benchctl::runner
