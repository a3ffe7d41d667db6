#include "runner/schedule.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "util/random.h"

namespace benchctl::runner {

int units_of(const suite::Job& job) {
  switch (job.kind) {
    case suite::EntryKind::benchmark:
      return (job.settings.measures().time ? *job.settings.processes : 0) +
             job.settings.instruction_processes();
    case suite::EntryKind::command:
      return *job.settings.runs;
    case suite::EntryKind::file_size:
      return 1;
    case suite::EntryKind::load:
      return *job.settings.processes;
  }
  return 0;
}

std::vector<Slot> plan_schedule(const std::vector<suite::Job>& jobs, suite::Schedule schedule,
                                std::uint64_t seed) {
  std::vector<Slot> slots;
  if (schedule == suite::Schedule::sequential) {
    for (std::size_t job = 0; job < jobs.size(); ++job) {
      for (int unit = 0; unit < units_of(jobs[job]); ++unit)
        slots.push_back({job, unit});
    }
    return slots;
  }
  int rounds = 0;
  for (const suite::Job& job : jobs)
    rounds = std::max(rounds, units_of(job));
  util::SplitMix64 random(seed);
  std::vector<std::size_t> order(jobs.size());
  for (int round = 0; round < rounds; ++round) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = order.size(); i > 1; --i)  // Fisher-Yates
      std::swap(order[i - 1], order[random.below(i)]);
    for (const std::size_t job : order) {
      if (round < units_of(jobs[job]))
        slots.push_back({job, round});
    }
  }
  return slots;
}

}  // namespace benchctl::runner
