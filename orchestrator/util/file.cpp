#include "util/file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace benchctl::util {

std::optional<std::string> read_regular_file(const std::filesystem::path& path,
                                             std::uintmax_t limit_mib, const std::string& expected,
                                             std::string& text) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error)
    return error.message();
  if (!fs::is_regular_file(status))
    return "not a regular file, expected " + expected;
  if (fs::file_size(path, error) > (limit_mib << 20))
    return "larger than " + std::to_string(limit_mib) + " MiB, expected " + expected;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::strerror(errno);
  std::ostringstream contents;
  contents << in.rdbuf();
  text = contents.str();
  return std::nullopt;
}

}  // namespace benchctl::util
