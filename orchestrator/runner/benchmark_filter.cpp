#include "runner/benchmark_filter.h"

#include <string_view>

namespace benchctl::runner {

std::string exact_filter(const std::string& name) {
  std::string filter = "^";
  for (char c : name) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos)
      filter += '\\';
    filter += c;
  }
  return filter + "$";
}

}  // namespace benchctl::runner
