// A directory under the system's temporary directory, created now and removed with everything in
// it when its owner ends.
#pragma once

#include <filesystem>
#include <string>

namespace benchctl::util {

class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const std::string& name);  // throws filesystem_error
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace benchctl::util
