// What a run stores about its configuration: each job's settings, policy and budgets (with its
// result), and the whole resolved suite (with the run, hashed into its config hash).
#pragma once

#include <nlohmann/json.hpp>

#include "store/result_settings.h"
#include "suite/resolver.h"

namespace benchctl::runner {

// The settings that apply to the job's kind, its resolved policy and its budgets.
store::ResultSettings result_settings(const suite::Job& job);

nlohmann::json resolved_config(const suite::ResolvedSuite& resolved);

}  // namespace benchctl::runner
