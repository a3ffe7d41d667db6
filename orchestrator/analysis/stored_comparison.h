// A comparison of stored runs as the verbs ask for it: both sides loaded, the history of the
// current side's machine read for the noise model, then compared.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "store/store.h"

namespace benchctl::analysis {

struct StoredSide {
  std::vector<std::int64_t> run_ids;
  std::string reference;  // how the user named it
};

// The history is every complete run on the machine of the current side's newest run, older than
// the newest compared run, less the compared runs themselves.
RunComparison compare_stored(store::Store& store, const StoredSide& baseline,
                             const StoredSide& current, const std::optional<std::regex>& filter);

// The noise model for comparing run `baseline_run` with `current` (its newest run), from the
// store's history of the current side's machine: runs older than the newer of the two, less
// `excluded`.
NoiseModel noise_for(store::Store& store, const std::vector<store::RunRecord>& current,
                     std::int64_t baseline_run, const std::vector<std::int64_t>& excluded);

}  // namespace benchctl::analysis
