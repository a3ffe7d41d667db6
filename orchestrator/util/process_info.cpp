#include "util/process_info.h"

#include <unistd.h>

#include <fmt/chrono.h>
#include <chrono>
#include <fstream>
#include <sstream>

namespace benchctl::util {

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0)
    return "unknown";
  return name;
}

std::optional<std::uint64_t> process_start_time(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line))
    return std::nullopt;
  // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos)
    return std::nullopt;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  for (int index = 3; index <= 22 && fields >> field; ++index) {
    if (index == 3 && (field == "Z" || field == "X")) {
      return std::nullopt;  // dead, only not reaped yet
    }
    if (index == 22)
      return std::stoull(field);
  }
  return std::nullopt;
}

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(when)));
}

}  // namespace benchctl::util
