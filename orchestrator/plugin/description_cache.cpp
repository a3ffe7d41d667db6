#include "plugin/description_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <fstream>

#include "util/cache_directory.h"
#include "util/file.h"
#include "util/sha256.h"

namespace benchctl::plugin {

namespace fs = std::filesystem;

std::optional<fs::path> benchctl_cache_directory() {
  return util::cache_directory(kCacheVariable, "benchctl");
}

DescriptionCache::DescriptionCache() : DescriptionCache(benchctl_cache_directory()) {}

DescriptionCache::DescriptionCache(std::optional<fs::path> directory)
    : directory_(std::move(directory)) {}

std::optional<fs::path> DescriptionCache::entry(const fs::path& file) const {
  struct stat status {};
  std::error_code error;
  const fs::path absolute = fs::absolute(file, error);
  if (!directory_ || error || ::stat(absolute.c_str(), &status) != 0)
    return std::nullopt;
  const std::string identity =
      fmt::format("{}\n{}\n{}\n{}\n{}.{}\n{}.{}", absolute.string(), status.st_dev, status.st_ino,
                  status.st_size, status.st_mtim.tv_sec, status.st_mtim.tv_nsec,
                  status.st_ctim.tv_sec, status.st_ctim.tv_nsec);
  // The same plugin describes differently under another benchctl or Google Benchmark.
  return *directory_ / "descriptions" /
         fmt::format("{}-{}-{}.json", util::sha256_hex(identity), BENCHCTL_VERSION,
                     BENCHCTL_GBENCH_VERSION);
}

DescriptionCache::Lookup DescriptionCache::find(const fs::path& file) const {
  Lookup lookup{entry(file), std::nullopt};
  std::string text;
  if (!lookup.entry || util::read_regular_file(*lookup.entry, 16, "a plugin description", text))
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

void DescriptionCache::remember(const std::optional<fs::path>& entry, const PluginInfo& info) {
  if (!entry)
    return;
  const fs::path temporary = entry->string() + fmt::format(".{}.tmp", ::getpid());
  std::error_code error;
  fs::create_directories(entry->parent_path(), error);
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << to_json(info).dump();
    if (!out)
      error = std::make_error_code(std::errc::io_error);
  }
  if (!error)
    fs::rename(temporary, *entry, error);
  if (error)
    fs::remove(temporary, error);  // a cache that cannot be written only costs the next describe
}

}  // namespace benchctl::plugin
