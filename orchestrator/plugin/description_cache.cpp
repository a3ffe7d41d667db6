#include "plugin/description_cache.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <fstream>

#include "util/cache_directory.h"
#include "util/file.h"
#include "util/sha256.h"

namespace benchctl::plugin {
namespace {

namespace fs = std::filesystem;

// Larger than any plugin; beyond it a file is described each time, not hashed.
constexpr std::uintmax_t kLargestPluginMiB = 1024;

}  // namespace

std::optional<fs::path> benchctl_cache_directory() {
  return util::cache_directory(kCacheVariable, "benchctl");
}

DescriptionCache::DescriptionCache() : DescriptionCache(benchctl_cache_directory()) {}

DescriptionCache::DescriptionCache(std::optional<fs::path> directory)
    : directory_(std::move(directory)) {}

fs::path DescriptionCache::entry(const std::string& sha256) const {
  // The same plugin describes differently under another benchctl or Google Benchmark.
  return *directory_ / "descriptions" /
         fmt::format("{}-{}-{}.json", sha256, BENCHCTL_VERSION, BENCHCTL_GBENCH_VERSION);
}

DescriptionCache::Lookup DescriptionCache::find(const fs::path& file) const {
  Lookup lookup;
  if (!directory_)
    return lookup;
  std::string content;
  if (util::read_regular_file(file, kLargestPluginMiB, "a plugin file", content))
    return lookup;
  lookup.sha256 = util::sha256_hex(content);
  std::string text;
  if (util::read_regular_file(entry(lookup.sha256), 16, "a plugin description", text))
    return lookup;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded())
    return lookup;  // a damaged entry: described again, and rewritten
  try {
    PluginInfo info = plugin_info_from_json(json);
    info.file = file;
    lookup.info = std::move(info);
  } catch (const std::exception&) {
    // Written by another version of this format: described again.
  }
  return lookup;
}

void DescriptionCache::remember(const std::string& sha256, const PluginInfo& info) const {
  if (!directory_ || sha256.empty())
    return;
  const fs::path target = entry(sha256);
  const fs::path temporary = target.string() + fmt::format(".{}.tmp", ::getpid());
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << to_json(info).dump();
    if (!out)
      error = std::make_error_code(std::errc::io_error);
  }
  if (!error)
    fs::rename(temporary, target, error);
  if (error)
    fs::remove(temporary, error);  // a cache that cannot be written only costs the next describe
}

}  // namespace benchctl::plugin
