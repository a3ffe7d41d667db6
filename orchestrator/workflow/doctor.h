// `benchctl doctor`: what on this machine makes timings noisy, one check each, with what was found
// and what to do (workflow/machine_tuning.h applies what can be applied).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/system_probe.h"

namespace benchctl::workflow {

enum class CheckStatus {
  ok,       // nothing to do
  warn,     // makes timings noisier: doctor exits 1
  note,     // worth knowing, not a reason to fail (a VM, no isolated CPUs)
  unknown,  // the machine does not show it, or its file cannot be read
};
std::string name_of(CheckStatus status);

struct Check {
  std::string name;  // "governor", "load"...
  CheckStatus status = CheckStatus::unknown;
  std::string found;   // what the machine shows
  std::string advice;  // what to do about it; empty when nothing
};

struct Examination {
  std::vector<Check> checks;
  store::TuningState tuning;
  double seconds = 0;  // the load was sampled over this long
  // No check warns.
  bool quiet_enough() const;
};

// What the machine, sampled over `seconds`: the files under `root` (/sys and /proc), the load
// meanwhile from this machine's counters.
Examination examine_machine(std::chrono::milliseconds sample,
                            const std::filesystem::path& root = "/");

// The checks alone, from facts and what the machine did while sampled (exposed for tests).
struct Activity {
  std::optional<double> busy, steal, pressure;                  // 0..1 over the sample
  std::optional<std::uint64_t> swapped_pages, throttle_events;  // during the sample
  double seconds = 0;
};
std::vector<Check> judge_machine(const runner::MachineFacts& facts, const Activity& activity,
                                 bool root_user);

}  // namespace benchctl::workflow
