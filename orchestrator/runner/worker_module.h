// The code that runs plugins inside a worker process (Google Benchmark, the plugin loader,
// runner/worker.h) is built as a module of its own, benchctl-worker.so, which only `benchctl
// worker` loads: the benchctl that users start for every other verb loads neither Google
// Benchmark nor Boost.DLL, so that it starts as fast as a small C program (its `--version` is a
// budget of suites/self.yaml).
#pragma once

#include <filesystem>

#include "runner/worker_protocol.h"

// The module's one entry point: runs the request (runner::WorkerRequest, encoded), answering on
// `result_fd`; returns the worker's exit status.
extern "C" int benchctl_worker_main(const char* request_json, int result_fd);

namespace benchctl::runner {

// Loads benchctl-worker.so from next to `executable` (build tree) or from the install's libexec
// folder, and runs `request` through it. Throws Error when the module cannot be found or loaded.
int run_worker_module(const std::filesystem::path& executable, const WorkerRequest& request,
                      int result_fd);

}  // namespace benchctl::runner
