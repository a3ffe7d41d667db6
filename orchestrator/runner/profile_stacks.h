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

// The frames a stack keeps, root first: from the benchmark's own function down, that function
// being the outermost frame that takes a benchmark::State& (a function, a lambda, a fixture's
// BenchmarkCase) or, in a stripped plugin, the outermost address in `plugin_file` (a frame named
// "0x1a2b (benchctl_x.so)" or "[unknown] (benchctl_x.so)"); what the process did above it is cut. A
// path without one is Google Benchmark's own work, "[Google Benchmark]", when a frame of Google
// Benchmark's shows; the worker's own, around the profiler's switch, "[outside the benchmark]",
// when its entry point shows; otherwise it is deeper than the profiler kept (callgrind) or unwound
// (perf), and is kept whole under
// "[truncated]". Names lose GCC's " [clone .constprop.0]" suffixes, and a ';' (the folded
// format's separator) becomes ':'.
std::vector<std::string> benchmark_frames(const std::vector<std::string>& root_first,
                                          const std::string& plugin_file = "");

// Adds `cost` to the stack of `root_first`'s benchmark frames.
class StackCollector {
 public:
  explicit StackCollector(std::string plugin_file) : plugin_file_(std::move(plugin_file)) {}
  void add(const std::vector<std::string>& root_first, std::int64_t cost);
  // The stacks in the order of their frames.
  std::vector<store::ProfileStack> stacks() const;

 private:
  std::string plugin_file_;  // its file name, without folders
  std::map<std::vector<std::string>, std::int64_t> costs_;
};

// The stacks of a callgrind dump written with --separate-callers (each function's name carries
// its callers: "callee'caller'caller's caller"), costed in its first event (Ir); a function
// without a symbol is named by its address and file ("0x1a2b (benchctl_x.so)"). `plugin_file` is
// the profiled plugin's file name. Throws Error naming the file when it cannot be read or is not
// callgrind's format.
std::vector<store::ProfileStack> read_callgrind_stacks(const std::filesystem::path& file,
                                                       const std::string& plugin_file = "");

// The stacks of `perf script --no-demangle -F comm,period,ip,sym,dso` output (names demangled
// here, with their parameters, as callgrind shows them) (each sample a header line ending
// in its period, then its frames leaf first, each on a line starting with a tab, then a blank
// line), costed in the samples' periods.
// Throws Error when a sample has no period.
std::vector<store::ProfileStack> read_perf_stacks(std::string_view script,
                                                  const std::string& plugin_file = "");

}  // namespace benchctl::runner
