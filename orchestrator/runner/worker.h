// The worker side: what `benchctl worker` does inside its own process. It loads one plugin, and
// either describes it or runs one benchmark through Google Benchmark, streaming each repetition
// on the result fd (see worker_protocol.h). These functions return the worker's exit status and
// report every failure they can catch as an error message on the result fd first.
#pragma once

#include <filesystem>
#include <string>

namespace benchctl::runner {

struct WorkerRunRequest {
  std::filesystem::path plugin_file;
  std::string benchmark;  // the exact full name
  int repetitions = 3;
  double min_time = 0.1;  // seconds
  double warmup = 0;      // seconds
  // Counting instructions under callgrind instead of timing: each repetition runs `iterations`
  // and twice as many, with collection on around each run only, dumps to `callgrind_out` after
  // each, and reports the difference, so that whatever runs once per run (the fixture's setup,
  // Google Benchmark's own bookkeeping) cancels out.
  bool count_instructions = false;
  std::int64_t iterations = 0;
  std::filesystem::path callgrind_out;
};

constexpr int kWorkerResultFd = 3;

constexpr int kWorkerFailureStatus = 70;  // the worker caught a failure and reported it

int describe_plugin(const std::filesystem::path& plugin_file, int result_fd);
int run_benchmark(const WorkerRunRequest& request, int result_fd);

}  // namespace benchctl::runner
