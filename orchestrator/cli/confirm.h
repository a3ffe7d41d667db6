// --confirm-with DIR (run --baseline, compare): every benchmark the comparison flags ⚠️ or ❌
// is measured again as an A/B of the baseline's build (the plugins in DIR) against the current
// run's build (the plugin files it recorded), and only a confirmed change keeps failing the gate.
#pragma once

#include <string>

#include "analysis/comparison.h"
#include "plugin/catalog.h"
#include "store/store.h"

namespace benchctl::cli {

// The baseline's build, checked before anything is measured: throws InputError for a bad DIR.
plugin::PluginCatalog baseline_build(const std::string& directory);

// Measures the flagged benchmarks of `comparison` as an A/B of `baseline` (from `directory`)
// against the plugins `current` recorded, and lays the A/B's verdicts over them. Throws
// InputError, before measuring, when the current run's plugin files are gone.
void confirm_flagged(analysis::RunComparison& comparison, const std::string& directory,
                     const plugin::PluginCatalog& baseline, const store::RunRecord& current,
                     store::Store& store, const std::string& database);

}  // namespace benchctl::cli
