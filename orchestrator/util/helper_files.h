// Files a program runs or loads besides itself (helpers, modules): next to the executable in a
// build tree, in the install's libexec folder otherwise.
#pragma once

#include <filesystem>
#include <string>

namespace benchctl::util {

// Throws InstallationError naming the file when neither place has it.
std::filesystem::path find_helper_file(const std::filesystem::path& executable,
                                       const std::string& name);

// Loads the module `name` found as above and returns its `symbol`; the module stays loaded.
// Throws InstallationError naming the module when it is missing, cannot be loaded or lacks the
// symbol.
void* load_helper_symbol(const std::filesystem::path& executable, const std::string& name,
                         const char* symbol);

}  // namespace benchctl::util
