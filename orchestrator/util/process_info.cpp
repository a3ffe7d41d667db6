#include "util/process_info.h"

#include <unistd.h>

#include <fmt/chrono.h>
#include <chrono>
#include <fstream>
#include <sstream>
#include <vector>

namespace benchctl::util {

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0)
    return "unknown";
  return name;
}

namespace {

// The fields of /proc/PID/stat from the third on (state, parent, ...): the command name (field 2)
// may hold spaces and parentheses, so they resume after its last ')'. None when the process is
// gone.
std::vector<std::string> stat_fields(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line))
    return {};
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos)
    return {};
  std::istringstream text(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; text >> field;)
    fields.push_back(field);
  return fields;
}

}  // namespace

std::optional<std::uint64_t> process_start_time(pid_t pid) {
  const std::vector<std::string> fields = stat_fields(pid);
  if (fields.size() < 20 || fields[0] == "Z" || fields[0] == "X")
    return std::nullopt;           // gone, or dead and only not reaped yet
  return std::stoull(fields[19]);  // field 22
}

std::optional<pid_t> parent_process(pid_t pid) {
  const std::vector<std::string> fields = stat_fields(pid);
  if (fields.size() < 2)
    return std::nullopt;
  return static_cast<pid_t>(std::stol(fields[1]));  // field 4
}

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(when)));
}

}  // namespace benchctl::util
