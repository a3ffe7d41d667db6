// The parent side of one worker process: exec `benchctl worker run`, read its result pipe, and
// classify how it ended. Whatever the plugin does (crash, abort, throw, exit, hang, print garbage)
// comes back as an outcome, never as an exception.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "runner/measurer.h"

namespace benchctl::runner {

// The allocation counter a worker preloads when the job counts its allocations (next to the
// executable, or in the install's libexec folder).
inline constexpr const char* kAllocationCounter = "benchctl-alloc.so";

// Measures `job` in one worker process (index `process_index`); when the job measures
// allocations and the process is among the first three, then counts an iteration's allocations in
// a worker of their own with the counter preloaded. Throws Interrupted when the user stops
// benchctl.
ProcessOutcome measure_in_worker(const suite::Job& job, int process_index,
                                 const std::filesystem::path& executable);

// The command a worker runs under to be counted by callgrind: no address randomisation
// (setarch), collection off until the worker switches it on, each dump to `output`.N.
std::vector<std::string> callgrind_command(const std::filesystem::path& output);

// Counts the instructions of `iterations` iterations of `job`, each repetition, in one worker
// process under `valgrind --tool=callgrind` (with `setarch --addr-no-randomize` and an environment
// of a fixed size). Throws Interrupted when the user stops benchctl.
ProcessOutcome count_in_worker(const suite::Job& job, int process_index,
                               const std::filesystem::path& executable, std::int64_t iterations);

// Runs `job` once in a worker under `profiler` (the command that comes before the worker's, e.g.
// valgrind's) with the worker's `worker_options` (`benchctl worker profile`): the outcome's one
// sample holds the iterations it ran. The worker's --min-time is then how long it runs by its own
// clock. Throws Interrupted when the user stops benchctl.
ProcessOutcome profile_in_worker(const suite::Job& job, const std::vector<std::string>& profiler,
                                 const std::vector<std::string>& worker_options,
                                 const std::filesystem::path& executable);

// Drives the load test `job` in one worker process (`benchctl worker load`): its seconds become
// the process's samples, its totals and histograms its LoadRecord. Throws Interrupted when the
// user stops benchctl.
ProcessOutcome load_in_worker(const suite::Job& job, int process_index,
                              const std::filesystem::path& executable);

}  // namespace benchctl::runner
