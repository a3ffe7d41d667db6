// Turning what a profiler saw into a benchmark's stacks: each sampled or counted call path, cut
// to start at the benchmark's own function, merged with the paths equal to it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.h"

namespace benchctl::runner {

// The frames a stack keeps, root first. Everything from the process's entry down to Google
// Benchmark's RunSpecifiedBenchmarks and the harness below it (functions of `benchmark::`, and
// addresses or "[unknown]": Debian's libbenchmark hides its internals) is cut, so that the root is
// the benchmark's own function. Cost spent in the harness itself becomes "[Google Benchmark]";
// a path that never reached RunSpecifiedBenchmarks (deeper than the profiler keeps) is kept
// whole under "[truncated]". A ';' in a name (the folded format's separator) becomes ':'.
std::vector<std::string> benchmark_frames(const std::vector<std::string>& root_first);

// Adds `cost` to the stack of `root_first`'s benchmark frames.
class StackCollector {
 public:
  void add(const std::vector<std::string>& root_first, std::int64_t cost);
  // The stacks in the order of their frames.
  std::vector<store::ProfileStack> stacks() const;

 private:
  std::map<std::vector<std::string>, std::int64_t> costs_;
};

// The stacks of a callgrind dump written with --separate-callers (each function's name carries
// its callers: "callee'caller'caller's caller"), costed in its first event (Ir). Throws Error
// naming the file when it cannot be read or is not callgrind's format.
std::vector<store::ProfileStack> read_callgrind_stacks(const std::filesystem::path& file);

// The stacks of `perf script -F comm,period,ip,sym,dso` output (each sample a header line ending
// in its period, then its frames leaf first, each on a line starting with a tab, then a blank
// line), costed in the samples' periods.
// Throws Error when a sample has no period.
std::vector<store::ProfileStack> read_perf_stacks(std::string_view script);

}  // namespace benchctl::runner
