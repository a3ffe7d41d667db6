// The worker side of a load test: loads the plugin, drives its operation open-loop
// (load_driver.h) as the request's scenario says, and reports each second, the totals and the
// process's peak RSS on the result fd (worker_protocol.h).
#pragma once

#include "runner/worker_protocol.h"

namespace benchctl::runner {

// Returns the worker's exit status; every failure it can catch is an error message first.
int run_load(const WorkerRequest& request, int result_fd);

}  // namespace benchctl::runner
