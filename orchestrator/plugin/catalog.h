// Finding plugins: the search path, and a catalog of what each plugin file provides. Each file is
// described by a worker process (`benchctl worker describe FILE`), so that a plugin that crashes
// while loading is refused without taking benchctl down.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "plugin/plugin_info.h"

namespace benchctl::plugin {

// Plugin files are named benchctl_<name>.so; a directory on the search path contributes every
// such file in it, a file on the search path is taken whatever its name.
constexpr const char* kPluginFilePrefix = "benchctl_";
constexpr const char* kPluginFileSuffix = ".so";

struct RefusedPlugin {
  std::filesystem::path file;
  std::string reason;
};

struct PluginCatalog {
  std::vector<PluginInfo> plugins;
  std::vector<RefusedPlugin> refused;

  const PluginInfo* find(const std::string& name) const;
  // "tools, kernel" for messages.
  std::string names() const;
};

// The search path, in order: each --plugin-path entry (colon-separated lists allowed), then
// BENCHCTL_PLUGIN_PATH, then the default directories next to the executable (the build tree's
// plugins/ and the install tree's lib/benchctl/plugins). An explicitly named entry that does not
// exist is an InputError; a missing default directory is skipped.
std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::string>& explicit_paths, const char* environment_value,
    const std::filesystem::path& executable);

// The plugin files on the search path, each once.
std::vector<std::filesystem::path> plugin_files(
    const std::vector<std::filesystem::path>& search_path);

// Describes every plugin file in a worker, or from the description of the same content remembered
// in benchctl's cache (plugin/description_cache.h). A file that is not a plugin, has an
// incompatible ABI, fails to load or register, or claims a name another file claims too, is
// refused with a reason.
PluginCatalog discover_plugins(const std::vector<std::filesystem::path>& files,
                               const std::filesystem::path& executable);

}  // namespace benchctl::plugin
