#include "plugin/abi.h"

#include <benchctl/plugin_abi.h>

#include <fmt/format.h>
#include <regex>

namespace benchctl::plugin {

std::string abi_incompatibility(std::uint32_t major, std::uint32_t minor) {
  if (major != BENCHCTL_ABI_MAJOR) {
    return fmt::format(
        "plugin ABI {}.{} is not supported by this benchctl (ABI {}.{}); rebuild "
        "the plugin against this benchctl's SDK",
        major, minor, BENCHCTL_ABI_MAJOR, BENCHCTL_ABI_MINOR);
  }
  if (minor > BENCHCTL_ABI_MINOR) {
    return fmt::format(
        "plugin ABI {}.{} is newer than this benchctl's (ABI {}.{}); upgrade "
        "benchctl",
        major, minor, BENCHCTL_ABI_MAJOR, BENCHCTL_ABI_MINOR);
  }
  return {};
}

std::string abi_incompatibility(const std::string& abi) {
  std::smatch parts;
  static const std::regex kVersion("([0-9]{1,9})\\.([0-9]{1,9})");
  if (!std::regex_match(abi, parts, kVersion)) {
    return fmt::format(
        "plugin ABI '{}' is not a MAJOR.MINOR version this benchctl knows (ABI {}.{})", abi,
        BENCHCTL_ABI_MAJOR, BENCHCTL_ABI_MINOR);
  }
  return abi_incompatibility(static_cast<std::uint32_t>(std::stoul(parts[1])),
                             static_cast<std::uint32_t>(std::stoul(parts[2])));
}

}  // namespace benchctl::plugin
