// Files a program runs or loads besides itself (helpers, modules): next to the executable in a
// build tree, in the install's libexec folder otherwise.
#pragma once

#include <filesystem>
#include <string>

namespace benchctl::util {

// Throws Error naming the file when neither place has it.
std::filesystem::path find_helper_file(const std::filesystem::path& executable,
                                       const std::string& name);

}  // namespace benchctl::util
