#include "runner/peak_rss.h"

#include <fstream>
#include <string>

namespace benchctl::runner {

void reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

namespace {

// A "Name:   123 kB" line of /proc/self/status, in bytes.
std::optional<std::int64_t> status_kilobytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field))
      return std::stoll(line.substr(field.size())) * 1024;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> peak_rss_bytes() {
  return status_kilobytes("VmHWM:");
}

std::optional<std::int64_t> current_rss_bytes() {
  return status_kilobytes("VmRSS:");
}

}  // namespace benchctl::runner
