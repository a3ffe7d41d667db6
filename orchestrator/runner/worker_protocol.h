// The lines a worker writes on its result pipe (fd 3), one JSON object per line:
//
//   {"type":"repetition","name":"tools/uuid/v4","iterations":1000,"real_seconds":0.1,
//    "cpu_seconds":0.1,"counters":{"items_per_second":1e7}}   one per Google Benchmark repetition
//   {"type":"repetition","name":"tools/uuid/v4","iterations":1000,"instructions":2100000,
//    "counters":{"l1_misses":12}}                             under callgrind: counts, no times
//   {"type":"done","peak_rss_bytes":5242880,"cpu":1}           last line of a successful run
//   {"type":"error","message":"..."}                           the worker could not do its job
//   {"type":"plugin","plugin":{...}}                           answer to `worker describe`
//
// Anything else on the pipe is garbage and fails the benchmark.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

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
  enum class Type { repetition, done, error };
  Type type = Type::error;
  Repetition repetition;            // type == repetition
  std::int64_t peak_rss_bytes = 0;  // type == done
  std::optional<int> cpu;           // type == done: the CPU the worker ended on
  std::string message;              // type == error
};

std::string encode(const WorkerMessage& message);

// Throws Error naming what is wrong when the line is not a valid message.
WorkerMessage decode(std::string_view line);

}  // namespace benchctl::runner
