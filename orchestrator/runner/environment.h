// The environment a run was measured in, stored with it so that a comparison can warn when two
// runs come from different machines, compilers or commits.
#pragma once

#include <optional>
#include <string>

#include "store/environment.h"

namespace benchctl::runner {

// host, cpu_model, cores, kernel, compiler, build_type, benchctl_version, git_commit and
// git_dirty (of the working directory, when it is a git repository), load_average (1, 5, 15 min),
// tuning (store::TuningState: the governor, boost, SMT, isolated CPUs, ASLR, huge pages), and
// machine_class from BENCHCTL_MACHINE_CLASS. With `instructions`, the valgrind version counts
// too: another version counts differently.
store::Environment capture_environment(bool instructions = false);

// `name` as a machine class (a node feature, an instance type: "c6i-4xlarge"); UsageError naming
// `origin` for an empty name, blanks or more than 100 characters.
std::string checked_machine_class(const std::string& name, const std::string& origin);

// The series this machine's runs join: its machine class (BENCHCTL_MACHINE_CLASS), else its host
// and CPU model.
store::SeriesKey this_machine_series();

// The CPU's model name from /proc/cpuinfo ("AMD EPYC"), "unknown" when it names none. With the
// host name, what tells one machine's runs from another's.
std::string cpu_model();

// "valgrind-3.19.0", or nothing when valgrind (or setarch, which runs it without address
// randomisation) cannot be run.
std::optional<std::string> valgrind_version();

}  // namespace benchctl::runner
