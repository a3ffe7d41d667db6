#include "cli/builds.h"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "util/error.h"
#include "util/subprocess.h"

namespace benchctl::cli {

namespace fs = std::filesystem;

plugin::PluginCatalog build_catalog(const std::string& option, const std::string& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw InputError(
        fmt::format("{} {}: not a directory, expected a directory holding a build's "
                    "benchctl_*.so plugins",
                    option, directory));
  }
  const auto files = plugin::plugin_files({directory});
  if (files.empty()) {
    throw InputError(
        fmt::format("{} {}: no benchctl_*.so plugin files in it, expected a build's "
                    "plugins",
                    option, directory));
  }
  plugin::PluginCatalog catalog = plugin::discover_plugins(files, util::current_executable());
  if (!catalog.refused.empty()) {
    const auto& refused = catalog.refused.front();
    throw InputError(fmt::format("{} {}: refused plugin {}: {}", option, directory,
                                 refused.file.string(), refused.reason));
  }
  return catalog;
}

plugin::PluginCatalog union_of(const plugin::PluginCatalog& a, const plugin::PluginCatalog& b) {
  plugin::PluginCatalog both = a;
  for (const plugin::PluginInfo& info : b.plugins) {
    auto found = std::find_if(both.plugins.begin(), both.plugins.end(),
                              [&](const plugin::PluginInfo& p) { return p.name == info.name; });
    if (found == both.plugins.end()) {
      both.plugins.push_back(info);
      continue;
    }
    std::set<std::string> names(found->benchmarks.begin(), found->benchmarks.end());
    for (const std::string& name : info.benchmarks) {
      if (names.insert(name).second)
        found->benchmarks.push_back(name);
    }
  }
  return both;
}

std::optional<suite::Job> on_build(const suite::Job& job, const plugin::PluginCatalog& build) {
  const plugin::PluginInfo* info = build.find(job.plugin);
  if (info == nullptr || std::find(info->benchmarks.begin(), info->benchmarks.end(), job.name) ==
                             info->benchmarks.end())
    return std::nullopt;
  suite::Job copy = job;
  copy.plugin_file = info->file;
  return copy;
}

std::vector<plugin::PluginInfo> plugins_of(const suite::Suite& suite,
                                           const plugin::PluginCatalog& build) {
  std::vector<plugin::PluginInfo> plugins;
  for (const auto& reference : suite.plugins) {
    if (const plugin::PluginInfo* info = build.find(reference.name))
      plugins.push_back(*info);
  }
  return plugins;
}

plugin::PluginCatalog recorded_catalog(const store::RunRecord& run) {
  std::vector<fs::path> files;
  for (const store::PluginVersion& plugin : run.plugins) {
    std::error_code error;
    if (!fs::exists(plugin.file, error)) {
      throw InputError(fmt::format(
          "run {} was measured with plugin file {}, which is gone: the current build's plugins "
          "must be where the run found them",
          run.id, plugin.file));
    }
    files.emplace_back(plugin.file);
  }
  plugin::PluginCatalog catalog = plugin::discover_plugins(files, util::current_executable());
  if (!catalog.refused.empty()) {
    throw InputError(fmt::format("run {}'s plugin {} is refused now: {}", run.id,
                                 catalog.refused.front().file.string(),
                                 catalog.refused.front().reason));
  }
  return catalog;
}

}  // namespace benchctl::cli
