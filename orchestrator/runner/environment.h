// The environment a run was measured in, stored with it so that a comparison can warn when two
// runs come from different machines, compilers or commits.
#pragma once

#include <optional>
#include <string>

#include "store/environment.h"

namespace benchctl::runner {

// host, cpu_model, cores, kernel, compiler, build_type, benchctl_version, git_commit and
// git_dirty (of the working directory, when it is a git repository), load_average (1, 5, 15 min),
// tuning (store::TuningState: the governor, boost, SMT, isolated CPUs, ASLR, huge pages).
// With `instructions`, the valgrind version counts too: another version counts differently.
store::Environment capture_environment(bool instructions = false);

// The CPU's model name from /proc/cpuinfo ("AMD EPYC"), "unknown" when it names none. With the
// host name, what tells one machine's runs from another's.
std::string cpu_model();

// "valgrind-3.19.0", or nothing when valgrind (or setarch, which runs it without address
// randomisation) cannot be run.
std::optional<std::string> valgrind_version();

}  // namespace benchctl::runner
