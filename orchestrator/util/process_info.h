// Facts about processes and this machine that identify who is writing what.
#pragma once

#include <chrono>

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace benchctl::util {

std::string host_name();

// The start time of a process in clock ticks since boot (field 22 of /proc/PID/stat); together
// with the pid it identifies a process even after its pid is reused. Nothing when it is gone or
// dead (a zombie not yet reaped).
std::optional<std::uint64_t> process_start_time(pid_t pid);

// The parent of a process (field 4 of /proc/PID/stat); nothing when it is gone.
std::optional<pid_t> parent_process(pid_t pid);

// "2026-11-22T11:03:43Z"
std::string utc_timestamp(
    std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

}  // namespace benchctl::util
