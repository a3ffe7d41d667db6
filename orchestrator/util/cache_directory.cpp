#include "util/cache_directory.h"

#include <cstdlib>

namespace benchctl::util {

std::optional<std::filesystem::path> cache_directory(const char* override_variable,
                                                     const char* application) {
  auto set = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
  };
  if (const char* cache = set(override_variable))
    return std::filesystem::path(cache);
  if (const char* xdg = set("XDG_CACHE_HOME"))
    return std::filesystem::path(xdg) / application;
  if (const char* home = set("HOME"))
    return std::filesystem::path(home) / ".cache" / application;
  return std::nullopt;
}

}  // namespace benchctl::util
