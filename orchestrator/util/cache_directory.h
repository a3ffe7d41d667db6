// Where a program keeps what it can compute again (the XDG base directory convention): the
// directory an override variable names, else $XDG_CACHE_HOME/APPLICATION, else
// ~/.cache/APPLICATION; nothing when none of them is set.
#pragma once

#include <filesystem>
#include <optional>

namespace benchctl::util {

std::optional<std::filesystem::path> cache_directory(const char* override_variable,
                                                     const char* application);

}  // namespace benchctl::util
