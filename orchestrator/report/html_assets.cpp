#include "report/html_assets.h"

#include <fmt/format.h>
#include <cstddef>

#include "util/error.h"
#include "util/helper_files.h"
#include "util/subprocess.h"

extern "C" const char* benchctl_html_asset(const char* name, std::size_t* size);

namespace benchctl::report {
namespace {

std::string_view asset(const char* name) {
  // Loaded once, and kept: the assets are the module's memory.
  static const auto entry =
      reinterpret_cast<decltype(&benchctl_html_asset)>(util::load_helper_symbol(
          util::current_executable(), "benchctl-html.so", "benchctl_html_asset"));
  std::size_t size = 0;
  const char* begin = entry(name, &size);
  if (begin == nullptr)
    throw Error(fmt::format("benchctl-html.so has no {}", name));
  return {begin, size};
}

}  // namespace

std::string_view chart_js() {
  return asset("chart.js");
}
std::string_view report_js() {
  return asset("report.js");
}
std::string_view report_css() {
  return asset("report.css");
}

}  // namespace benchctl::report
