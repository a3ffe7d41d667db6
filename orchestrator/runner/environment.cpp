#include "runner/environment.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "runner/system_probe.h"
#include "util/process_info.h"
#include "util/subprocess.h"

namespace benchctl::runner {
namespace {

// The output of a program that succeeded, trimmed; nothing when it failed or is not there.
std::optional<std::string> output_of(std::vector<std::string> argv) {
  util::ChildSpec spec;
  spec.argv = std::move(argv);
  spec.timeout = std::chrono::seconds(10);
  const util::ChildExit exit = util::run_child(spec);
  if (!exit.succeeded())
    return std::nullopt;
  std::string output = exit.output_tail;
  while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
    output.pop_back();
  return output;
}

}  // namespace

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.starts_with("model name")) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos)
        return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

std::optional<std::string> valgrind_version() {
  if (!output_of({"setarch", "--version"}))
    return std::nullopt;
  return output_of({"valgrind", "--version"});
}

store::Environment capture_environment(bool instructions) {
  store::Environment environment;
  environment.host = util::host_name();
  environment.cpu_model = cpu_model();
  environment.cores = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  utsname system{};
  if (uname(&system) == 0)
    environment.kernel = std::string(system.sysname) + " " + system.release + " " + system.machine;
  environment.compiler = std::string("g++ ") + __VERSION__;
  environment.build_type = BENCHCTL_BUILD_TYPE;
  environment.benchctl_version = BENCHCTL_VERSION;
  if (const auto commit = output_of({"git", "rev-parse", "HEAD"})) {
    environment.git_commit = *commit;
    const auto status = output_of({"git", "status", "--porcelain", "--untracked-files=no"});
    environment.git_dirty = status && !status->empty();
  }
  if (instructions)
    environment.valgrind = valgrind_version();
  environment.tuning = read_tuning_state();
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) == 3)
    environment.load_average = std::vector<double>{load[0], load[1], load[2]};
  return environment;
}

}  // namespace benchctl::runner
