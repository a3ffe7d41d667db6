// Profiling one benchmark (benchctl profile): a worker of its own, untimed, runs the benchmark's
// loop for about `seconds` under callgrind or perf record, with collection on around Google
// Benchmark's run only, and what the profiler saw becomes the benchmark's stacks.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "store/records.h"
#include "suite/resolver.h"
#include "util/error.h"

namespace benchctl::runner {

enum class ProfileTool { callgrind, perf };

// The benchmark failed under the profiler (crashed, reported an error, timed out), or the
// profiler did: "NAME: why".
class ProfileFailed : public Error {
 public:
  using Error::Error;
};

// "callgrind" or "perf".
const char* tool_name(ProfileTool tool);

// Why perf cannot profile here (not installed, or kernel.perf_event_paranoid forbids it to this
// user), or nothing when it can.
std::optional<std::string> perf_unavailable();

// A stripped plugin file (no .symtab): its own functions show as addresses.
bool is_stripped(const std::filesystem::path& plugin_file);

// Profiles `job`'s benchmark with `tool` for about `seconds` of its loop (by the worker's clock,
// under the profiler): the record's tool, event, iterations and stacks. Throws ProfileFailed when
// the benchmark or the profiler fails, Interrupted when the user stops benchctl.
store::ProfileRecord profile_benchmark(const suite::Job& job, ProfileTool tool, double seconds,
                                       const std::filesystem::path& executable);

}  // namespace benchctl::runner
