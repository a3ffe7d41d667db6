#include "util/helper_files.h"

#include <fmt/format.h>

#include "util/error.h"

namespace benchctl::util {

namespace fs = std::filesystem;

fs::path find_helper_file(const fs::path& executable, const std::string& name) {
  const fs::path directory = executable.parent_path();
  for (const fs::path& candidate :
       {directory / name, directory / BENCHCTL_INSTALL_LIBEXEC_RELDIR / name}) {
    std::error_code error;
    if (fs::exists(candidate, error))
      return candidate;
  }
  throw Error(fmt::format("cannot find {} next to {} (is the installation complete?)", name,
                          executable.string()));
}

}  // namespace benchctl::util
