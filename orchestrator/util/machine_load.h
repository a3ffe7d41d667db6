// What the whole machine did during an interval, from Linux's counters: the share of CPU time the
// hypervisor stole (/proc/stat) and the share of time some task waited for a CPU
// (/proc/pressure/cpu). Evidence that a measurement was disturbed from outside.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace benchctl::util {

struct CpuCounters {
  std::chrono::steady_clock::time_point at;
  std::optional<std::uint64_t> total_ticks;  // all CPU time, every CPU (/proc/stat "cpu")
  std::optional<std::uint64_t> steal_ticks;
  std::optional<std::uint64_t> idle_ticks;             // idle and waiting for I/O
  std::optional<std::uint64_t> pressure_microseconds;  // "some total" of /proc/pressure/cpu
};

// Nothing is read from a file that is missing or unreadable (no PSI on older kernels).
CpuCounters read_cpu_counters();

struct CpuLoad {
  std::optional<double> busy;      // 0..1 of all CPU time in the interval, spent running tasks
  std::optional<double> steal;     // 0..1 of all CPU time in the interval
  std::optional<double> pressure;  // 0..1 of the interval's wall time
};

CpuLoad load_between(const CpuCounters& before, const CpuCounters& after);

}  // namespace benchctl::util
