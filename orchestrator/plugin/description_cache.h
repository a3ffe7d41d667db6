// What a plugin file provides, remembered by the SHA-256 of its content: describing a plugin
// starts a worker (about 20 ms each), which every `run`, `validate` and `list` needs for every
// plugin on the path. A description is kept under CACHE/descriptions/ (CACHE: benchctl's cache
// directory, below) per content hash, benchctl version and Google Benchmark version, and only for
// a plugin that was described successfully: a refusal is looked at again every time.
#pragma once

#include <filesystem>
#include <optional>

#include "plugin/plugin_info.h"

namespace benchctl::plugin {

// benchctl's cache directory: $BENCHCTL_CACHE_DIR, else $XDG_CACHE_HOME/benchctl, else
// ~/.cache/benchctl; nothing when none is set.
inline constexpr const char* kCacheVariable = "BENCHCTL_CACHE_DIR";
std::optional<std::filesystem::path> benchctl_cache_directory();

class DescriptionCache {
 public:
  // A cache in benchctl's cache directory; it remembers nothing when there is none.
  DescriptionCache();
  explicit DescriptionCache(std::optional<std::filesystem::path> directory);

  // The content hash of `file` and its description when remembered; the hash is empty when the
  // file cannot be read (describing it will say why).
  struct Lookup {
    std::string sha256;
    std::optional<PluginInfo> info;
  };
  Lookup find(const std::filesystem::path& file) const;
  // Remembers `info` for the content `sha256`; a cache that cannot be written is skipped.
  void remember(const std::string& sha256, const PluginInfo& info) const;

 private:
  std::filesystem::path entry(const std::string& sha256) const;

  std::optional<std::filesystem::path> directory_;
};

}  // namespace benchctl::plugin
