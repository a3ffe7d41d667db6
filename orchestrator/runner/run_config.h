// What a run stores about its configuration: each job's settings, policy and budgets (with its
// result), and the whole resolved suite (with the run, hashed into its config hash).
#pragma once

#include <nlohmann/json.hpp>

#include "store/store.h"
#include "suite/resolver.h"

namespace benchctl::runner {

// The settings that apply to the job's kind, its resolved policy and its budgets.
store::ResultSettings result_settings(const suite::Job& job);

// The job's result row, begun in `store` under `run_id`: status ok until it is measured.
store::ResultRecord begin_result(store::Store& store, std::int64_t run_id, const suite::Job& job);

nlohmann::json resolved_config(const suite::ResolvedSuite& resolved);

// The run row of `resolved`: suite, label, resolved config and its hash, environment, plugins.
store::NewRun new_run(const suite::ResolvedSuite& resolved, const std::string& label,
                      const store::Environment& environment);

}  // namespace benchctl::runner
