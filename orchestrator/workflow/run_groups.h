// A suite measured in shards (run --shard K/N --group NAME), and a run group read back as one run
// (show, compare, baseline save: `group:NAME`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"
#include "suite/resolver.h"
#include "suite/sharding.h"

namespace benchctl::workflow {

// Cuts `resolved`'s jobs to shard `shard` of `group` and returns the run's place in it. The first
// shard to start stores the group's assignment (the suite's previous group in as many shards kept
// where it stays balanced, each benchmark's time from its newest stored result); the others read
// it. Throws UsageError for a bad group name, InputError when the stored group is of another
// suite, number of shards or set of benchmarks.
store::GroupShard take_shard(store::Store& store, suite::ResolvedSuite& resolved,
                             const std::string& group, const suite::ShardRequest& shard);

// A group's shards as they stand: the newest complete run of each, and for each shard without
// one, why ("shard 3 of 4: run 17 was interrupted", "shard 4 of 4: no run").
struct GroupStanding {
  std::vector<std::int64_t> run_ids;  // ascending
  std::vector<std::string> missing;
  bool complete() const { return missing.empty(); }
};
GroupStanding standing_of(const store::RunGroup& group);

// The group named in `text` ("group:NAME"), or nothing when `text` names no group. Throws
// InputError for an unknown group.
std::optional<store::RunGroup> named_group(const std::string& text, store::Store& store);

// The runs of one group as one run: their results together, under the newest run's id and the
// oldest's start, labelled "LABEL: runs 12, 13, 14".
store::RunRecord load_as_one_run(store::Store& store, const std::vector<std::int64_t>& run_ids,
                                 const std::string& label);

}  // namespace benchctl::workflow
