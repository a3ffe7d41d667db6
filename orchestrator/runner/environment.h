// The environment a run was measured in, stored with it so that a comparison can warn when two
// runs come from different machines, compilers or commits.
#pragma once

#include <nlohmann/json.hpp>

namespace benchctl::runner {

// host, cpu_model, cores, kernel, compiler, build_type, benchctl_version, git_commit and
// git_dirty (of the working directory, when it is a git repository), load_average (1, 5, 15 min).
nlohmann::json capture_environment();

}  // namespace benchctl::runner
