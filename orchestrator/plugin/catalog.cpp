#include "plugin/catalog.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <set>
#include <variant>

#include "plugin/description_cache.h"
#include "util/error.h"
#include "util/helper_files.h"
#include "util/subprocess.h"

namespace benchctl::plugin {
namespace {

namespace fs = std::filesystem;

void split_path_list(const std::string& list, const std::string& origin,
                     std::vector<fs::path>& into) {
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t colon = std::min(list.find(':', start), list.size());
    const std::string entry = list.substr(start, colon - start);
    if (!entry.empty()) {
      std::error_code error;
      if (!fs::exists(entry, error)) {
        throw InputError(fmt::format("{}: plugin path '{}' does not exist", origin, entry));
      }
      into.emplace_back(entry);
    }
    start = colon + 1;
  }
}

bool is_plugin_file_name(const fs::path& file) {
  const std::string name = file.filename().string();
  return name.starts_with(kPluginFilePrefix) && name.ends_with(kPluginFileSuffix);
}

// Runs `benchctl worker describe FILE` and reads its one-line answer.
std::variant<PluginInfo, std::string> describe_in_worker(const fs::path& file,
                                                         const fs::path& executable) {
  util::ChildSpec spec;
  spec.argv = {executable.string(), "worker", "describe", file.string()};
  spec.result_pipe = true;
  spec.timeout = std::chrono::seconds(30);
  std::vector<std::string> lines;
  const util::ChildExit exit =
      util::run_child(spec, [&](std::string_view line) { lines.emplace_back(line); });
  std::string protocol_problem;
  for (const std::string& line : lines) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("type")) {
      protocol_problem = "printed a malformed description: " + line.substr(0, 80);
      continue;
    }
    if (json["type"] == "error" && json.contains("message") && json["message"].is_string()) {
      return json["message"].get<std::string>();
    }
    if (json["type"] == "plugin" && exit.succeeded()) {
      try {
        PluginInfo info = plugin_info_from_json(json["plugin"]);
        info.file = file;
        return info;
      } catch (const Error& e) {
        protocol_problem = e.what();
      }
    }
  }
  std::string reason = "crashed while loading: " + exit.describe();
  if (!protocol_problem.empty())
    reason += "; " + protocol_problem;
  const std::string tail = util::last_lines(exit.output_tail, 3);
  if (!tail.empty())
    reason += "; output: " + tail;
  return reason;
}

}  // namespace

const PluginInfo* PluginCatalog::find(const std::string& name) const {
  const auto found = std::find_if(plugins.begin(), plugins.end(),
                                  [&](const PluginInfo& info) { return info.name == name; });
  return found == plugins.end() ? nullptr : &*found;
}

std::string PluginCatalog::names() const {
  std::string joined;
  for (const PluginInfo& info : plugins)
    joined += (joined.empty() ? "" : ", ") + info.name;
  return joined.empty() ? "none" : joined;
}

std::vector<fs::path> plugin_search_path(const std::vector<std::string>& explicit_paths,
                                         const char* environment_value,
                                         const fs::path& executable) {
  std::vector<fs::path> path;
  for (const std::string& entry : explicit_paths)
    split_path_list(entry, "--plugin-path", path);
  if (environment_value != nullptr)
    split_path_list(environment_value, "BENCHCTL_PLUGIN_PATH", path);
  const fs::path directory = executable.parent_path();
  for (const fs::path& candidate :
       {directory / "plugins", directory / BENCHCTL_INSTALL_PLUGIN_RELDIR}) {
    std::error_code error;
    if (fs::is_directory(candidate, error))
      path.push_back(candidate);
  }
  return path;
}

std::vector<fs::path> plugin_files(const std::vector<fs::path>& search_path) {
  std::vector<fs::path> files;
  std::set<fs::path> seen;
  auto add = [&](const fs::path& file) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(file, error);
    if (seen.insert(error ? file : canonical).second)
      files.push_back(file);
  };
  for (const fs::path& entry : search_path) {
    std::error_code error;
    if (!fs::is_directory(entry, error)) {
      add(entry);
      continue;
    }
    std::vector<fs::path> in_directory;
    for (const auto& item : fs::directory_iterator(entry, error)) {
      if (item.is_regular_file() && is_plugin_file_name(item.path()))
        in_directory.push_back(item.path());
    }
    std::sort(in_directory.begin(), in_directory.end());
    for (const fs::path& file : in_directory)
      add(file);
  }
  return files;
}

PluginCatalog discover_plugins(const std::vector<fs::path>& files, const fs::path& executable) {
  PluginCatalog catalog;
  // Without the worker module every file would be refused as if it had crashed: say what is
  // missing instead.
  if (!files.empty())
    util::find_helper_file(executable, "benchctl-worker.so");
  std::vector<PluginInfo> described;
  const DescriptionCache cache;
  for (const fs::path& file : files) {
    DescriptionCache::Lookup remembered = cache.find(file);
    if (remembered.info) {
      described.push_back(std::move(*remembered.info));
      continue;
    }
    auto outcome = describe_in_worker(file, executable);
    if (auto* reason = std::get_if<std::string>(&outcome)) {
      catalog.refused.push_back({file, std::move(*reason)});
    } else {
      DescriptionCache::remember(remembered.entry, std::get<PluginInfo>(outcome));
      described.push_back(std::move(std::get<PluginInfo>(outcome)));
    }
  }
  // A name claimed by two files is ambiguous: refuse both rather than pick one silently.
  for (const PluginInfo& info : described) {
    const auto claims =
        std::count_if(described.begin(), described.end(),
                      [&](const PluginInfo& other) { return other.name == info.name; });
    if (claims == 1) {
      catalog.plugins.push_back(info);
      continue;
    }
    std::string others;
    for (const PluginInfo& other : described) {
      if (other.name == info.name && other.file != info.file)
        others += (others.empty() ? "" : ", ") + other.file.string();
    }
    catalog.refused.push_back(
        {info.file, fmt::format("plugin name '{}' is also claimed by {}", info.name, others)});
  }
  return catalog;
}

}  // namespace benchctl::plugin
