// What the machine's files say about how quiet it can be: the tuning state stored with each run,
// and the further facts `benchctl doctor` checks. Read from /sys and /proc under a root (another
// root: a copy of those files, for tests); a file that is missing or unreadable leaves its fact
// unknown, with the file named.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "store/tuning_state.h"

namespace benchctl::runner {

store::TuningState read_tuning_state(const std::filesystem::path& root = "/");

struct MachineFacts {
  store::TuningState tuning;
  std::vector<std::string> unreadable;     // files that exist and could not be read or parsed
  std::optional<int> perf_event_paranoid;  // /proc/sys/kernel/perf_event_paranoid
  std::optional<std::int64_t> swap_total_kb, swap_free_kb;
  std::optional<std::uint64_t> swapped_pages;  // pages swapped in and out since boot
  // Throttling events since boot, over every CPU (thermal_throttle/*_throttle_count); nothing
  // when the machine does not show them (most VMs).
  std::optional<std::uint64_t> throttle_events;
  bool hypervisor = false;           // /proc/cpuinfo's "hypervisor" flag: a virtual machine
  std::string container;             // "docker", "podman", "lxc"... empty when none is visible
  std::vector<double> load_average;  // 1, 5, 15 minutes
  int cpus = 0;                      // online
};

MachineFacts read_machine_facts(const std::filesystem::path& root = "/");

}  // namespace benchctl::runner
