// The worker side: what `benchctl worker` does inside its own process. It loads one plugin, and
// either describes it or runs one benchmark through Google Benchmark, streaming each repetition
// on the result fd (see worker_protocol.h). These functions return the worker's exit status and
// report every failure they can catch as an error message on the result fd first.
#pragma once

#include <filesystem>
#include <string>

#include "runner/worker_protocol.h"

namespace benchctl::runner {

constexpr int kWorkerResultFd = 3;

constexpr int kWorkerFailureStatus = 70;  // the worker caught a failure and reported it

int describe_plugin(const std::filesystem::path& plugin_file, int result_fd);
int run_benchmark(const WorkerRunRequest& request, int result_fd);
// Under callgrind, or under perf with its control fifos named in the request.
int profile_benchmark(const WorkerRunRequest& request, int result_fd);

}  // namespace benchctl::runner
