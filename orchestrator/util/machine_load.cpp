#include "util/machine_load.h"

#include <fstream>
#include <sstream>
#include <string>

namespace benchctl::util {

CpuCounters read_cpu_counters() {
  CpuCounters counters;
  counters.at = std::chrono::steady_clock::now();
  std::ifstream stat("/proc/stat");
  std::string label;
  if (stat >> label && label == "cpu") {
    // user nice system idle iowait irq softirq steal guest guest_nice
    std::uint64_t field[8] = {};
    for (auto& value : field)
      stat >> value;
    if (stat) {
      counters.steal_ticks = field[7];
      counters.idle_ticks = field[3] + field[4];
      std::uint64_t total = 0;
      for (const auto value : field)
        total += value;
      counters.total_ticks = total;
    }
  }
  std::ifstream pressure("/proc/pressure/cpu");
  for (std::string line; std::getline(pressure, line);) {
    if (!line.starts_with("some "))
      continue;
    const auto total = line.find("total=");
    if (total != std::string::npos)
      counters.pressure_microseconds = std::stoull(line.substr(total + 6));
  }
  return counters;
}

CpuLoad load_between(const CpuCounters& before, const CpuCounters& after) {
  CpuLoad load;
  if (before.total_ticks && after.total_ticks && before.steal_ticks && after.steal_ticks &&
      *after.total_ticks > *before.total_ticks) {
    const auto total = static_cast<double>(*after.total_ticks - *before.total_ticks);
    load.steal = static_cast<double>(*after.steal_ticks - *before.steal_ticks) / total;
    if (before.idle_ticks && after.idle_ticks) {
      load.busy =
          1 - static_cast<double>(*after.idle_ticks - *before.idle_ticks) / total - *load.steal;
    }
  }
  const double seconds = std::chrono::duration<double>(after.at - before.at).count();
  if (before.pressure_microseconds && after.pressure_microseconds && seconds > 0) {
    load.pressure =
        static_cast<double>(*after.pressure_microseconds - *before.pressure_microseconds) / 1e6 /
        seconds;
    if (*load.pressure > 1)
      load.pressure = 1;
  }
  return load;
}

}  // namespace benchctl::util
