#include "util/helper_files.h"

#include <dlfcn.h>

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
  throw InstallationError(
      fmt::format("cannot find {} next to {} or in {}", name, executable.string(),
                  (directory / BENCHCTL_INSTALL_LIBEXEC_RELDIR).lexically_normal().string()));
}

void* load_helper_symbol(const fs::path& executable, const std::string& name, const char* symbol) {
  const fs::path module = find_helper_file(executable, name);
  void* handle = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr)
    throw InstallationError(fmt::format("cannot load {}: {}", module.string(), dlerror()));
  void* found = dlsym(handle, symbol);
  if (found == nullptr)
    throw InstallationError(fmt::format("{} has no {}: {}", module.string(), symbol, dlerror()));
  return found;
}

}  // namespace benchctl::util
