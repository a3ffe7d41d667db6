// What benchctl knows of a plugin without running its benchmarks: the descriptor's fields and the
// names of the benchmarks it registers, as a describe worker reports them.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace benchctl::plugin {

struct PluginInfo {
  std::filesystem::path file;
  std::string name;
  std::string version;
  std::string description;
  std::string abi;                      // "1.0"
  std::string benchmark_version;        // Google Benchmark it was built against
  std::vector<std::string> benchmarks;  // full names, "tools/truncation/head/1000"
  std::vector<std::string> operations;  // load operations (ABI 1.2), full names, "kernel/message"
};

nlohmann::json to_json(const PluginInfo& info);
// Throws Error when the JSON does not describe a plugin.
PluginInfo plugin_info_from_json(const nlohmann::json& json);

}  // namespace benchctl::plugin
