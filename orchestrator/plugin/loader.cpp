#include "plugin/loader.h"

#include <boost/dll/shared_library.hpp>

#include <fmt/format.h>
#include <memory>
#include <vector>

#include "plugin/abi.h"
#include "util/error.h"

namespace benchctl::plugin {
namespace {

// Loaded libraries stay reachable and loaded until the process ends.
std::vector<std::unique_ptr<boost::dll::shared_library>>& loaded_libraries() {
  static auto* libraries = new std::vector<std::unique_ptr<boost::dll::shared_library>>();
  return *libraries;
}

}  // namespace

const benchctl_plugin_descriptor& load_plugin(const std::filesystem::path& file) {
  auto library = std::make_unique<boost::dll::shared_library>();
  try {
    // The throwing overload keeps dlerror()'s text; rtld_now reports unresolved symbols here
    // instead of killing the process at the first call.
    library->load(boost::dll::fs::path(file.string()), boost::dll::load_mode::rtld_now);
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: cannot load: {}", file.string(), e.what()));
  }
  if (!library->has(BENCHCTL_PLUGIN_ENTRY_NAME)) {
    throw InputError(
        fmt::format("{}: not a benchctl plugin (no '{}' entry point; build it with "
                    "BENCHCTL_PLUGIN from <benchctl/plugin.h>)",
                    file.string(), BENCHCTL_PLUGIN_ENTRY_NAME));
  }
  auto& entry = library->get_alias<benchctl_plugin_entry_fn>(BENCHCTL_PLUGIN_ENTRY_NAME);
  const benchctl_plugin_descriptor* descriptor = entry();
  if (descriptor == nullptr) {
    throw InputError(
        fmt::format("{}: the plugin's entry point returned no descriptor", file.string()));
  }
  if (const std::string why = abi_incompatibility(descriptor->abi_major, descriptor->abi_minor);
      !why.empty()) {
    throw InputError(fmt::format("{}: {}", file.string(), why));
  }
  if (descriptor->name == nullptr || *descriptor->name == '\0' ||
      std::string_view(descriptor->name).find_first_of("/*?[ ") != std::string_view::npos) {
    throw InputError(
        fmt::format("{}: the plugin's name is empty or has '/', ' ' or a glob "
                    "character, expected a plain name",
                    file.string()));
  }
  if (descriptor->register_benchmarks == nullptr) {
    throw InputError(fmt::format("{}: the plugin has no registration function", file.string()));
  }
  loaded_libraries().push_back(std::move(library));
  return *descriptor;
}

void register_benchmarks(const benchctl_plugin_descriptor& plugin,
                         const std::filesystem::path& file) {
  if (const char* failure = plugin.register_benchmarks()) {
    throw InputError(fmt::format("{}: plugin '{}' failed to register its benchmarks: {}",
                                 file.string(), plugin.name, failure));
  }
}

std::vector<std::string> operation_names(const benchctl_plugin_descriptor& plugin) {
  // A descriptor written by hand (not by BENCHCTL_PLUGIN) may leave both functions null: no
  // operations. One without the other, or a list without an end, is a broken plugin.
  constexpr std::uint32_t kMostOperations = 1 << 16;
  std::vector<std::string> names;
  if (plugin.abi_minor < 2 ||
      (plugin.operation_name == nullptr && plugin.call_operation == nullptr))
    return names;
  if (plugin.operation_name == nullptr || plugin.call_operation == nullptr) {
    throw InputError(fmt::format(
        "plugin '{}' has only one of operation_name and call_operation, expected both or neither",
        plugin.name));
  }
  for (std::uint32_t index = 0; index < kMostOperations; ++index) {
    const char* name = plugin.operation_name(index);
    if (name == nullptr)
      return names;
    names.emplace_back(name);
  }
  throw InputError(
      fmt::format("plugin '{}' lists more than {} operations, expected a list that "
                  "ends with NULL",
                  plugin.name, kMostOperations));
}

}  // namespace benchctl::plugin
