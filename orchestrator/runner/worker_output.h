// What a worker writes on its result fd (worker_protocol.h), and how it turns whatever a plugin
// throws into an error message there.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "runner/worker_protocol.h"

namespace benchctl::runner {

// Writes one line (a newline is added). Throws Error when the pipe is gone.
void write_line(int fd, std::string line);
void write_message(int fd, const WorkerMessage& message);

// The last line of a successful run: the CPU the worker ends on, its peak resident set when given
// (under callgrind it would be valgrind's, so it is left out), and an iteration's allocations when
// they were counted.
void write_done(int fd, std::optional<std::int64_t> peak_rss_bytes,
                std::optional<store::AllocationCounts> allocations = std::nullopt);

// Runs `body` and returns its status; any exception becomes an error message on `fd`, with its
// demangled type when it is not benchctl's own, and the status kWorkerFailureStatus
// (runner/worker.h).
int guarded(int fd, const std::function<int()>& body);

}  // namespace benchctl::runner
