// Settling a stored comparison by pairs (compare --resolve, run --baseline, --confirm-with): two
// stored runs on a shared machine can honestly see only large changes, so the benchmarks they
// leave undecided (or flag) are measured again as a paired A/B of the two builds on this machine
// now (runner/ab_runner.h: the adaptive procedure of `ab`), and the gate uses the pairs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "store/store.h"
#include "workflow/builds.h"

namespace benchctl::workflow {

// --resolve: `automatic` settles what a gate depends on, when both builds are stored; `always`
// settles every benchmark not decided "no change", and refuses a side that kept no build;
// `never` settles nothing.
enum class Resolve { automatic, always, never };

// Throws UsageError naming `option` for anything but auto, always or never.
Resolve parse_resolve(const std::string& text, const std::string& option);

// The compared, timed benchmarks `resolve` measures again: under `automatic`, those a verdict
// gate may fail on (slower, regression or inconclusive; none when `verdicts_gated` is false);
// under `always`, every one not decided "no change"; under `never`, none.
std::vector<std::string> benchmarks_to_settle(const analysis::RunComparison& comparison,
                                              Resolve resolve, bool verdicts_gated);

struct SettleRequest {
  Resolve resolve = Resolve::automatic;
  std::vector<std::string> benchmarks;  // benchmarks_to_settle
  // --confirm-with DIR: the baseline's build from a directory instead of its stored one.
  std::optional<Build> baseline_build;
  std::string database;  // how messages name it
};

// Measures `request.benchmarks` as an A/B of the baseline's build (of run `baseline`, the
// baseline side's newest) against the current one's (of run `current`) and lays the pairs over
// `comparison`. When a side kept no build, adds a note and measures nothing, unless the request
// is `always` (InputError). Prints what it will cost on stderr first when that is a terminal.
// Throws InputError, before measuring, for a stored build this benchctl cannot load.
void settle_by_pairs(analysis::RunComparison& comparison, std::int64_t baseline,
                     std::int64_t current, store::Store& store, const SettleRequest& request);

}  // namespace benchctl::workflow
