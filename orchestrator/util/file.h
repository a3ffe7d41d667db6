// Reading a whole input file, safely: only a regular file, only up to a size. A device or a FIFO
// (/dev/zero, a pipe) would never end, and a huge file would exhaust memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace benchctl::util {

// Reads `path` into `text` when it is a regular file of at most `limit_mib` MiB; otherwise
// returns what is wrong with it: the system's reason, or "not a regular file, expected
// EXPECTED" and "larger than N MiB, expected EXPECTED".
std::optional<std::string> read_regular_file(const std::filesystem::path& path,
                                             std::uintmax_t limit_mib, const std::string& expected,
                                             std::string& text);

}  // namespace benchctl::util
