#include "workflow/stored_build.h"

#include <unistd.h>

#include <fmt/format.h>
#include <fstream>

#include "plugin/abi.h"
#include "plugin/description_cache.h"
#include "util/error.h"
#include "util/file.h"
#include "util/sha256.h"

namespace benchctl::workflow {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kLargestPluginMiB = 1024;

// Whether `file` holds the content of `sha256`.
bool holds(const fs::path& file, const std::string& sha256) {
  std::string content;
  return !util::read_regular_file(file, kLargestPluginMiB, "a plugin file", content) &&
         util::sha256_hex(content) == sha256;
}

void write_file(const fs::path& file, const std::string& content) {
  std::error_code error;
  fs::create_directories(file.parent_path(), error);
  if (error) {
    throw StorageError(fmt::format("{}: cannot create the build cache: {}",
                                   file.parent_path().string(), error.message()));
  }
  const fs::path temporary = file.string() + fmt::format(".{}.tmp", ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) {
      fs::remove(temporary, error);
      throw StorageError(fmt::format("{}: cannot write the build cache", temporary.string()));
    }
  }
  fs::permissions(temporary,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  error);
  fs::rename(temporary, file, error);
  if (error) {
    fs::remove(temporary, error);
    throw StorageError(fmt::format("{}: cannot write the build cache", file.string()));
  }
}

}  // namespace

fs::path build_cache_directory() {
  if (const auto cache = plugin::benchctl_cache_directory())
    return *cache;
  throw InputError(
      "no directory to write stored builds to: expected BENCHCTL_CACHE_DIR, XDG_CACHE_HOME or "
      "HOME to be set");
}

bool has_stored_build(store::Store& store, const store::RunRecord& run) {
  if (run.plugins.empty())
    return false;
  for (const store::PluginVersion& plugin : run.plugins) {
    if (plugin.sha256.empty() || !store.has_build_file(plugin.sha256))
      return false;
  }
  return true;
}

std::vector<fs::path> write_stored_build(store::Store& store, const store::RunRecord& run) {
  if (run.plugins.empty())
    throw InputError(fmt::format("run {} measured no plugin: it has no build", run.id));
  const fs::path cache = build_cache_directory() / "builds";
  std::vector<fs::path> files;
  for (const store::PluginVersion& plugin : run.plugins) {
    if (plugin.sha256.empty()) {
      throw InputError(fmt::format(
          "run {} kept no build of plugin {} (an imported run, or one stored before benchctl "
          "kept builds): expected a run measured by `benchctl run` or `ab`",
          run.id, plugin.name));
    }
    if (const std::string why = plugin::abi_incompatibility(plugin.abi); !why.empty()) {
      throw InputError(fmt::format("run {}'s stored build of plugin {} ({}, sha256 {}): {}", run.id,
                                   plugin.name, fs::path(plugin.file).filename().string(),
                                   plugin.sha256.substr(0, 12), why));
    }
    // The database decides whether the build still exists; the cache only saves reading it.
    const auto deleted = [&] {
      return InputError(
          fmt::format("run {}'s build of plugin {} (sha256 {}) is no longer stored: `maintain "
                      "--retain-builds` deleted it (a baseline keeps its build)",
                      run.id, plugin.name, plugin.sha256.substr(0, 12)));
    };
    if (!store.has_build_file(plugin.sha256))
      throw deleted();
    const fs::path file = cache / plugin.sha256 / fs::path(plugin.file).filename();
    if (!holds(file, plugin.sha256)) {
      const auto content = store.load_build_file(plugin.sha256);
      if (!content)
        throw deleted();
      if (util::sha256_hex(*content) != plugin.sha256) {
        throw StorageError(fmt::format(
            "the database's build file {} does not match its hash: the database is damaged",
            plugin.sha256));
      }
      write_file(file, *content);
    }
    files.push_back(file);
  }
  return files;
}

std::optional<std::string> missing_stored_build(store::Store& store, const store::RunRecord& run) {
  if (has_stored_build(store, run))
    return std::nullopt;
  if (run.plugins.empty())
    return fmt::format("run {} has no build: it names no plugin file (an imported run)", run.id);
  for (const store::PluginVersion& plugin : run.plugins) {
    if (plugin.sha256.empty())
      return fmt::format("run {} has no build: it was stored before benchctl kept builds", run.id);
  }
  return fmt::format("run {}'s build was deleted by `maintain --retain-builds`", run.id);
}

}  // namespace benchctl::workflow
