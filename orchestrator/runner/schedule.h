// The order in which a run measures its jobs' units (worker processes, command runs, file sizes).
//
// Interleaved (the default): round k measures unit k of every job that has one, in a seeded random
// order per round, so that each benchmark's processes are spread over the whole run instead of
// sharing a burst of seconds of the machine's state. Sequential: every unit of a job, then the
// next job, as suites that need it (a cache built by the first process) can ask for.
#pragma once

#include <cstdint>
#include <vector>

#include "suite/resolver.h"

namespace benchctl::runner {

struct Slot {
  std::size_t job = 0;  // index into the jobs
  int unit = 0;         // process, or command run, index
};

// Worker processes of a benchmark (timed ones first, then those counting instructions), timed
// runs of a command, 1 for a file size.
int units_of(const suite::Job& job);

std::vector<Slot> plan_schedule(const std::vector<suite::Job>& jobs, suite::Schedule schedule,
                                std::uint64_t seed);

}  // namespace benchctl::runner
