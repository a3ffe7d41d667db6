// Two builds of the same plugins, as `ab` and `--confirm-with` compare them: each build's
// plugins from a directory (or the files a run recorded), and a job as one build has it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plugin/catalog.h"
#include "store/records.h"
#include "suite/resolver.h"

namespace benchctl::cli {

// The plugins in one build's directory (named by `option` in messages). Throws InputError when
// it is not a directory, holds no plugin file, or holds a file that is not a usable plugin: the
// comparison would silently lack it.
plugin::PluginCatalog build_catalog(const std::string& option, const std::string& directory);

// The plugin files a stored run was measured with. Throws InputError naming a file that is gone.
plugin::PluginCatalog recorded_catalog(const store::RunRecord& run);

// Both builds' plugins, each benchmark once: what a suite's names resolve against.
plugin::PluginCatalog union_of(const plugin::PluginCatalog& a, const plugin::PluginCatalog& b);

// `job` with the build's plugin file; nothing when the build lacks its benchmark.
std::optional<suite::Job> on_build(const suite::Job& job, const plugin::PluginCatalog& build);

// The suite's plugins as the build has them.
std::vector<plugin::PluginInfo> plugins_of(const suite::Suite& suite,
                                           const plugin::PluginCatalog& build);

}  // namespace benchctl::cli
