// Sets of CPUs as Linux writes them ("0-3,8,10-11": /sys/devices/system/cpu/isolated, taskset,
// /proc/PID/status's Cpus_allowed_list), and this process's affinity.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace benchctl::util {

// CPU numbers, ascending, each once.
class CpuSet {
 public:
  CpuSet() = default;
  explicit CpuSet(std::vector<int> cpus);

  // Throws InputError naming `what` for text that is not a CPU list ("1,3-4"; empty is no CPU).
  static CpuSet parse(std::string_view text, std::string_view what);

  const std::vector<int>& cpus() const { return cpus_; }
  bool empty() const { return cpus_.empty(); }
  bool contains(int cpu) const;
  // "0-2,4"; empty for no CPU.
  std::string to_string() const;
  CpuSet without(const CpuSet& other) const;
  CpuSet with(const CpuSet& other) const;
  bool operator==(const CpuSet&) const = default;

 private:
  std::vector<int> cpus_;
};

// The CPUs this process may run on.
CpuSet allowed_cpus();

// Restricts this process (and the children it starts later) to `cpus`. Throws Error naming the
// CPUs when the kernel refuses (a CPU that is offline or outside the process's cpuset).
void pin_this_process(const CpuSet& cpus);

}  // namespace benchctl::util
