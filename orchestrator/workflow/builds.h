// Builds of the same plugins, as `ab`, `compare --resolve` and `--confirm-with` measure them side
// by side: a build's plugins from a directory, from a stored run's build, or from the files a run
// found them in; and a job as one build has it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/catalog.h"
#include "store/store.h"
#include "suite/resolver.h"

namespace benchctl::workflow {

// One build: its plugins, and how reports name it.
struct Build {
  plugin::PluginCatalog catalog;
  std::string label;                // "build/plugins", "run 12's stored build"
  std::optional<std::int64_t> run;  // the stored run whose build it is
  // The SHA-256 of each plugin file, by plugin name, when known: two builds with the same are
  // the same code.
  std::vector<std::pair<std::string, std::string>> hashes;
};

// The plugins in one build's directory (named by `option` in messages). Throws InputError when
// it is not a directory, holds no plugin file, or holds a file that is not a usable plugin: the
// comparison would silently lack it.
Build directory_build(const std::string& option, const std::string& directory);

// The build `run` kept in the store (workflow/stored_build.h), described plugin by plugin. A
// plugin that no longer loads here (a shared library it needs is gone) stays in the build with the
// benchmarks the run measured, so that measuring them fails with the loader's reason. Throws
// InputError as write_stored_build does.
Build stored_build(store::Store& store, const store::RunRecord& run);

// The build a run was measured with: the one it kept in the store, else (a run stored before
// builds were kept) its plugin files where it found them. Throws InputError naming a file that is
// gone.
Build build_of_run(store::Store& store, const store::RunRecord& run);

// Both builds' plugins, each benchmark once: what a suite's names resolve against.
plugin::PluginCatalog union_of(const plugin::PluginCatalog& a, const plugin::PluginCatalog& b);

// The job a stored result was measured as: its settings, its policy, no budgets (and no plugin
// file: on_build gives it one).
suite::Job job_of_result(const store::ResultRecord& result);

// `job` with the build's plugin file; nothing when the build lacks its benchmark.
std::optional<suite::Job> on_build(const suite::Job& job, const plugin::PluginCatalog& build);

// The suite's plugins as the build has them.
std::vector<plugin::PluginInfo> plugins_of(const suite::Suite& suite,
                                           const plugin::PluginCatalog& build);

// Whether the two builds hold the same plugin files (by content).
bool same_files(const Build& a, const Build& b);

}  // namespace benchctl::workflow
