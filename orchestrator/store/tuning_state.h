// How the machine was tuned when a run was measured: what `benchctl doctor` checks and
// `doctor --tune` changes. Stored in each run's environment under "tuning", through one converter;
// a comparison warns when its two sides were measured in different states.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace benchctl::store {

struct TuningState {
  // The CPUs' frequency governors ("performance"; "performance,powersave" when they differ);
  // nothing without cpufreq (a VM's host, or the firmware, sets the frequency).
  std::optional<std::string> governor;
  std::optional<bool> boost;  // turbo or boost enabled; nothing when not visible
  std::optional<bool> smt;    // SMT siblings active
  std::string isolated;       // the isolated CPUs (isolcpus=), a CPU list; empty for none
  std::string nohz_full;      // the CPUs without a scheduler tick (nohz_full=)
  std::optional<int> aslr;    // /proc/sys/kernel/randomize_va_space: 0 off, 1, 2 full
  std::optional<std::string> transparent_hugepages;  // always, madvise or never
  bool operator==(const TuningState&) const = default;
};

void to_json(nlohmann::json& json, const TuningState& state);
// Throws StorageError for a stored state no version of benchctl writes.
void from_json(const nlohmann::json& json, TuningState& state);

// What differs, one "governor: powersave → performance" per field.
std::vector<std::string> differences(const TuningState& before, const TuningState& after);

}  // namespace benchctl::store
