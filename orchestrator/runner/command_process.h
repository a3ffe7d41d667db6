// Measuring what is not a plugin benchmark: a command timed as a whole process (wall, user and
// system time, peak RSS, exit status; like hyperfine) and a file's size.
#pragma once

#include <filesystem>

#include "runner/benchmark_process.h"
#include "suite/resolver.h"

namespace benchctl::runner {

// Runs the job's command once through the benchctl-rusage helper. A command that exits
// non-zero or is killed fails. Throws Interrupted when the user stops benchctl.
ProcessOutcome time_command(const suite::Job& job, int run_index,
                            const std::filesystem::path& rusage_helper);

// Records the size of the job's file as counter "size_bytes".
ProcessOutcome measure_file_size(const suite::Job& job);

}  // namespace benchctl::runner
