// Measuring a suite from a verb: in worker processes, with progress on a terminal.
#pragma once

#include <optional>
#include <string>

#include "runner/ab_runner.h"
#include "runner/suite_runner.h"

namespace benchctl::workflow {

// The commit a run measures when it is not the current directory's checkout.
struct MeasuredCommit {
  std::string hash;
  bool uncommitted_changes = false;  // the checkout's tracked files differ from it
};

// What a run records of itself beside the environment captured as it starts.
struct RunIdentity {
  std::string label;
  std::optional<MeasuredCommit> commit;      // else the current directory's
  std::optional<store::GroupShard> shard;    // a shard of a run group
  std::optional<std::string> machine_class;  // else BENCHCTL_MACHINE_CLASS's, if any
};

// Runs `resolved` into `store` (the database at `database`) with the real measurer and the
// environment captured now, as `identity` says; prints progress on stderr when it is a terminal,
// and where the run was stored.
runner::RunOutcome measure_suite(const suite::ResolvedSuite& resolved, store::Store& store,
                                 const std::string& database, const RunIdentity& identity);

// The same for two builds side by side (benchctl ab).
runner::AbOutcome measure_ab(const runner::AbPlan& plan, store::Store& store,
                             const std::string& database, runner::AbSettings settings);

}  // namespace benchctl::workflow
