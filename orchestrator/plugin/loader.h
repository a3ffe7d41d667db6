// Loads a plugin's shared object into the current process. Only workers call this: the parent
// never runs plugin code. A loaded plugin is never unloaded, because Google Benchmark's registry
// keeps pointers into it until the process exits.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <benchctl/plugin_abi.h>

namespace benchctl::plugin {

// Loads `file` with every symbol resolved now (so that a missing symbol is reported here, with
// the dynamic loader's message) and checks that it is a benchctl plugin of a compatible ABI.
// Throws InputError naming the file and the reason.
const benchctl_plugin_descriptor& load_plugin(const std::filesystem::path& file);

// Calls the plugin's registration function. Throws InputError with the plugin's own message
// when it reports a failure.
void register_benchmarks(const benchctl_plugin_descriptor& plugin,
                         const std::filesystem::path& file);

// The plugin's load operations (benchctl::add_operation), full names in registration order; none
// for a plugin of ABI 1.1 or earlier. Valid once register_benchmarks has run. Throws InputError
// for a plugin whose operation functions are broken (one of the two, or a list without an end).
std::vector<std::string> operation_names(const benchctl_plugin_descriptor& plugin);

}  // namespace benchctl::plugin
