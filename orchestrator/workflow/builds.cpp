#include "workflow/builds.h"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "util/error.h"
#include "util/file.h"
#include "util/sha256.h"
#include "util/subprocess.h"
#include "workflow/stored_build.h"

namespace benchctl::workflow {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::string>> hashes_of(const store::RunRecord& run) {
  std::vector<std::pair<std::string, std::string>> hashes;
  for (const store::PluginVersion& plugin : run.plugins) {
    if (!plugin.sha256.empty())
      hashes.emplace_back(plugin.name, plugin.sha256);
  }
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

// The benchmarks `run` measured with plugin `name`.
std::vector<std::string> measured_benchmarks(const store::RunRecord& run, const std::string& name) {
  std::vector<std::string> benchmarks;
  for (const store::ResultRecord& result : run.results) {
    if (result.plugin == name && result.kind == store::ResultKind::benchmark)
      benchmarks.push_back(result.name);
  }
  return benchmarks;
}

}  // namespace

Build directory_build(const std::string& option, const std::string& directory) {
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
  Build build;
  build.catalog = plugin::discover_plugins(files, util::current_executable());
  if (!build.catalog.refused.empty()) {
    const auto& refused = build.catalog.refused.front();
    throw InputError(fmt::format("{} {}: refused plugin {}: {}", option, directory,
                                 refused.file.string(), refused.reason));
  }
  build.label = fs::path(directory).lexically_normal().string();
  for (const plugin::PluginInfo& info : build.catalog.plugins) {
    std::string content;
    if (!util::read_regular_file(info.file, 1024, "a plugin file", content))
      build.hashes.emplace_back(info.name, util::sha256_hex(content));
  }
  std::sort(build.hashes.begin(), build.hashes.end());
  return build;
}

Build stored_build(store::Store& store, const store::RunRecord& run) {
  const std::vector<fs::path> files = write_stored_build(store, run);
  Build build;
  build.label = fmt::format("run {}'s stored build", run.id);
  build.run = run.id;
  build.hashes = hashes_of(run);
  const plugin::PluginCatalog described =
      plugin::discover_plugins(files, util::current_executable());
  build.catalog.plugins = described.plugins;
  for (const plugin::RefusedPlugin& refused : described.refused) {
    const auto recorded = std::find_if(
        run.plugins.begin(), run.plugins.end(), [&](const store::PluginVersion& plugin) {
          return fs::path(plugin.file).filename() == refused.file.filename();
        });
    if (recorded == run.plugins.end())
      throw StorageError(fmt::format("run {}'s build has a file no plugin of it names", run.id));
    plugin::PluginInfo& info = build.catalog.plugins.emplace_back();
    info.file = refused.file;
    info.name = recorded->name;
    info.version = recorded->version;
    info.abi = recorded->abi;
    info.benchmark_version = recorded->benchmark_version;
    info.benchmarks = measured_benchmarks(run, recorded->name);
  }
  return build;
}

Build build_of_run(store::Store& store, const store::RunRecord& run) {
  if (has_stored_build(store, run))
    return stored_build(store, run);
  std::vector<fs::path> files;
  for (const store::PluginVersion& plugin : run.plugins) {
    std::error_code error;
    if (!fs::exists(plugin.file, error)) {
      throw InputError(fmt::format(
          "run {} kept no build and was measured with plugin file {}, which is gone: expected the "
          "plugins where the run found them",
          run.id, plugin.file));
    }
    files.emplace_back(plugin.file);
  }
  Build build;
  build.catalog = plugin::discover_plugins(files, util::current_executable());
  if (!build.catalog.refused.empty()) {
    throw InputError(fmt::format("run {}'s plugin {} is refused now: {}", run.id,
                                 build.catalog.refused.front().file.string(),
                                 build.catalog.refused.front().reason));
  }
  build.label = fmt::format("run {}'s build", run.id);
  build.run = run.id;
  return build;
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

suite::Job job_of_result(const store::ResultRecord& result) {
  suite::Job job;
  job.name = result.name;
  job.kind = result.kind;
  job.plugin = result.plugin;
  job.settings = result.settings.measure.overlaid_on(suite::builtin_defaults());
  const stats::Policy& policy = result.settings.policy;
  job.policy = {policy.alpha, policy.noise_floor, policy.warn,
                policy.fail,  policy.confidence,  policy.cpu_time};
  return job;
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

bool same_files(const Build& a, const Build& b) {
  return !a.hashes.empty() && a.hashes == b.hashes;
}

}  // namespace benchctl::workflow
