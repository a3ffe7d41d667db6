#include "runner/environment.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "runner/system_probe.h"
#include "util/error.h"
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

std::string checked_machine_class(const std::string& name, const std::string& origin) {
  constexpr std::size_t kLongest = 100;
  if (name.empty() || name.size() > kLongest ||
      name.find_first_of(" \t\n\r") != std::string::npos) {
    throw UsageError(fmt::format(
        "{} '{}': expected a machine class such as c6i-4xlarge (no blanks, at most {} characters)",
        origin, name, kLongest));
  }
  return name;
}

namespace {

std::optional<std::string> machine_class_of_this_machine() {
  const char* named = std::getenv("BENCHCTL_MACHINE_CLASS");
  if (named == nullptr)
    return std::nullopt;
  return checked_machine_class(named, "BENCHCTL_MACHINE_CLASS");
}

}  // namespace

store::SeriesKey this_machine_series() {
  store::Environment environment;
  environment.host = util::host_name();
  environment.cpu_model = cpu_model();
  environment.machine_class = machine_class_of_this_machine();
  return environment.series();
}

store::Environment capture_environment(bool instructions) {
  store::Environment environment;
  environment.host = util::host_name();
  environment.machine_class = machine_class_of_this_machine();
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
