// The lines a worker writes on its result pipe (fd 3), one JSON object per line:
//
//   {"type":"repetition","name":"tools/uuid/v4","iterations":1000,"real_seconds":0.1,
//    "cpu_seconds":0.1,"counters":{"items_per_second":1e7}}   one per Google Benchmark repetition
//   {"type":"repetition","name":"tools/uuid/v4","iterations":1000,"instructions":2100000,
//    "counters":{"l1_misses":12}}                             under callgrind: counts, no times
//   {"type":"load_second","second":0,"completed":2000,"latency_seconds":0.01,"cpu_seconds":0.2,
//    "counters":{"sent":2000,...},"latency":{"max_ns":..,"buckets":[..]}}  a load test's second
//   {"type":"load","intended":20000,...}                       a load test's totals (LoadRecord)
//   {"type":"done","peak_rss_bytes":5242880,"cpu":1}           last line of a successful run
//   {"type":"done",...,"allocations":{"allocations":2,"frees":2,"bytes":96}}
//                                            with the allocations of an iteration, when counted
//   {"type":"error","message":"..."}                           the worker could not do its job
//   {"type":"plugin","plugin":{...}}                           answer to `worker describe`
//
// Anything else on the pipe is garbage and fails the benchmark.
//
// The other way, `benchctl worker` hands benchctl-worker.so (runner/worker_module.h) a
// WorkerRequest as JSON.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "store/records.h"

namespace benchctl::runner {

struct Repetition {
  std::string name;
  std::int64_t iterations = 0;
  std::optional<double> real_seconds;  // accumulated over all iterations
  std::optional<double> cpu_seconds;
  std::optional<std::int64_t> instructions;  // under callgrind, instead of the times
  std::map<std::string, double> counters;    // Google Benchmark's counters, rates already applied
};

struct WorkerMessage {
  enum class Type { repetition, load_second, load, done, error };
  Type type = Type::error;
  Repetition repetition;  // type == repetition
  // type == load_second: the sample of the second (repetition: its index, iterations: the
  // requests completed in it, real_seconds: their summed latency) and their latency histogram.
  store::Sample second;
  store::LatencyBuckets second_latency;
  store::LoadRecord load;           // type == load: its seconds are the load_second messages
  std::int64_t peak_rss_bytes = 0;  // type == done
  std::optional<int> cpu;           // type == done: the CPU the worker ended on
  std::string allowed_cpus;         // type == done: the CPUs it was allowed ("0-1")
  std::optional<store::AllocationCounts> allocations;  // type == done, when counted
  std::string message;                                 // type == error
};

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
  // Instead of timing, counting an iteration's allocations with benchctl-alloc.so (preloaded):
  // the benchmark runs a tenth of `iterations` (what the timed repetitions ran) and twice as many,
  // and the difference is reported with `done`, so that the fixture's own allocations cancel out.
  bool count_allocations = false;
  // Profiling instead of timing (WorkerRequest::Mode::profile): the worker finds by its clock the
  // iterations that run `min_time` seconds, runs them once with the profiler collecting around
  // Google Benchmark's run only, and reports them in one repetition. Under callgrind it toggles
  // collection and dumps once; under `perf record --control` it writes "enable" and "disable" to
  // the fifo `perf_control` and waits for perf's acknowledgement on `perf_ack`.
  std::filesystem::path perf_control;
  std::filesystem::path perf_ack;
};

struct WorkerRequest {
  enum class Mode { describe, run, load, profile };
  Mode mode = Mode::describe;
  WorkerRunRequest run;    // its plugin_file is the plugin to describe (or to load) too
  store::LoadSpec load;    // mode load: the scenario
  std::uint64_t seed = 1;  // mode load: of Poisson arrivals
};

std::string encode(const WorkerRequest& request);
// Throws Error when the text is not a request encode() wrote.
WorkerRequest decode_request(std::string_view text);

std::string encode(const WorkerMessage& message);

// Throws Error naming what is wrong when the line is not a valid message.
WorkerMessage decode(std::string_view line);

}  // namespace benchctl::runner
