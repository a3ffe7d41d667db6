// benchctl list plugins|benchmarks|operations: what the plugin path provides, without running
// anything.
#include <fmt/format.h>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "util/error.h"
#include "util/text_table.h"

namespace benchctl::cli {

int list_verb(const Args& args) {
  CommonOptions common;
  std::string what, plugin;
  po::options_description options("list options");
  options.add_options()("what", po::value(&what)->required(), "plugins, benchmarks or operations")(
      "plugin", po::value(&plugin)->value_name("NAME"), "only this plugin");
  add_plugin_path_option(options, common);
  po::variables_map values;
  if (!parse_arguments("list", "plugins|benchmarks|operations", args, options, {{"what", 1}},
                       values))
    return kExitOk;
  if (what != "plugins" && what != "benchmarks" && what != "operations") {
    throw UsageError(fmt::format(
        "list: '{}' is not something to list, expected 'plugins', 'benchmarks' or 'operations'",
        what));
  }

  const plugin::PluginCatalog catalog = discover(common);
  if (!plugin.empty() && catalog.find(plugin) == nullptr) {
    throw InputError(fmt::format("list: no plugin named '{}', found: {}", plugin, catalog.names()));
  }
  if (what == "plugins") {
    util::TextTable table(
        {"Plugin", "Version", "ABI", "Benchmarks", "Operations", "Description", "File"});
    for (const auto& info : catalog.plugins) {
      if (!plugin.empty() && info.name != plugin)
        continue;
      table.add_row({info.name, info.version, info.abi, std::to_string(info.benchmarks.size()),
                     std::to_string(info.operations.size()), info.description, info.file.string()});
    }
    std::cout << table.render();
  } else {
    for (const auto& info : catalog.plugins) {
      if (!plugin.empty() && info.name != plugin)
        continue;
      for (const auto& name : what == "benchmarks" ? info.benchmarks : info.operations)
        std::cout << name << "\n";
    }
  }
  for (const auto& refused : catalog.refused) {
    std::cerr << fmt::format("benchctl: refused plugin {}: {}\n", refused.file.string(),
                             refused.reason);
  }
  return catalog.refused.empty() ? kExitOk : kExitUsage;
}

}  // namespace benchctl::cli
