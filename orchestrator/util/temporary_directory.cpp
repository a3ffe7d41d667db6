#include "util/temporary_directory.h"

namespace benchctl::util {

TemporaryDirectory::TemporaryDirectory(const std::string& name)
    : path_(std::filesystem::temp_directory_path() / name) {
  std::filesystem::create_directories(path_);
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace benchctl::util
