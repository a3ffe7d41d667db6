// What a plugin file provides, remembered per file: describing a plugin starts a worker (about
// 20 ms each), which every `run`, `validate` and `list` needs for every plugin on the path. A
// description is kept under CACHE/descriptions/ (CACHE: benchctl's cache directory, below) per
// file identity (path, device, inode, size, modification and status-change times: a file written
// again, copied over or touched is another file), benchctl version and Google Benchmark version,
// and only for a plugin that was described successfully: a refusal is looked at again every time.
// The identity, not the content, keys it: hashing every plugin on the path cost more than the
// description it saves (a sanitizer build's plugins are 200 MB).
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

  // Where `file`'s description is kept, as the file is now (nothing without a cache directory or
  // when the file cannot be examined), and the description when one is kept there.
  struct Lookup {
    std::optional<std::filesystem::path> entry;
    std::optional<PluginInfo> info;
  };
  Lookup find(const std::filesystem::path& file) const;
  // Keeps `info` at `entry` (of the lookup made before describing the file, so that a file
  // replaced meanwhile is not remembered under its new identity); an entry that cannot be written
  // is skipped.
  static void remember(const std::optional<std::filesystem::path>& entry, const PluginInfo& info);

 private:
  std::optional<std::filesystem::path> entry(const std::filesystem::path& file) const;

  std::optional<std::filesystem::path> directory_;
};

}  // namespace benchctl::plugin
