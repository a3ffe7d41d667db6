#include "runner/peak_rss.h"

#include <fstream>
#include <string>

namespace benchctl::runner {

void reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

std::optional<std::int64_t> peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) {
      return std::stoll(line.substr(6)) * 1024;  // reported in kB
    }
  }
  return std::nullopt;
}

}  // namespace benchctl::runner
