// Which CPUs a run's worker processes are pinned to, and benchctl itself kept off them: from a
// suite's `affinity`, --affinity, or the machine's isolated CPUs (isolcpus=). Each worker pins
// itself (`benchctl worker ... --cpus LIST`) and reports the CPUs it was then allowed.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "suite/resolver.h"
#include "util/cpu_set.h"

namespace benchctl::runner {

// The machine's isolated CPUs, from `sys`/devices/system/cpu/isolated; none when it has none or
// the file cannot be read.
util::CpuSet isolated_cpus(const std::filesystem::path& sys = "/sys");

// Gives every job that runs in worker processes its CPUs: `chosen` (--affinity) when given;
// otherwise its own (the suite's), else `isolated`. Throws InputError naming the suite file (or
// --affinity) when a job's CPUs are not all CPUs this process may use.
void assign_affinity(suite::ResolvedSuite& resolved, const std::optional<util::CpuSet>& chosen,
                     const util::CpuSet& isolated);

// Pins this process to the CPUs it may use that no job's workers are pinned to, when there are
// any; leaves it as it is otherwise.
void keep_off_worker_cpus(const std::vector<suite::Job>& jobs);

}  // namespace benchctl::runner
