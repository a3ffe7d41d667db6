#include "plugin/plugin_info.h"

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace benchctl::plugin {

nlohmann::json to_json(const PluginInfo& info) {
  return {{"file", info.file.string()},
          {"name", info.name},
          {"version", info.version},
          {"description", info.description},
          {"abi", info.abi},
          {"benchmark_version", info.benchmark_version},
          {"benchmarks", info.benchmarks},
          {"operations", info.operations}};
}

PluginInfo plugin_info_from_json(const nlohmann::json& json) {
  try {
    PluginInfo info;
    info.file = json.at("file").get<std::string>();
    info.name = json.at("name").get<std::string>();
    info.version = json.at("version").get<std::string>();
    info.description = json.at("description").get<std::string>();
    info.abi = json.at("abi").get<std::string>();
    info.benchmark_version = json.at("benchmark_version").get<std::string>();
    info.benchmarks = json.at("benchmarks").get<std::vector<std::string>>();
    info.operations = json.value("operations", std::vector<std::string>{});
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("malformed plugin description: ") + e.what());
  }
}

}  // namespace benchctl::plugin
