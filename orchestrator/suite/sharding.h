// A suite's benchmarks split into shards (benchctl run --shard K/N): which shard measures which
// benchmark. Stable (a benchmark a previous split placed stays in its shard, so that its history
// keeps its node's neighbours) and balanced by expected time (a shard's expected time at most 20%
// beyond an even share, else the split is made again from scratch).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace benchctl::suite {

// Shard `index` of `count`, from 1.
struct ShardRequest {
  int index = 0;
  int count = 0;
};

// "K/N" (1 ≤ K ≤ N ≤ 1000), or "auto": a Slurm array task (SLURM_ARRAY_TASK_ID from
// SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job's pod
// (JOB_COMPLETION_INDEX from 0, of BENCHCTL_SHARD_COUNT, which the Job sets to its completions).
// `environment` reads a variable (getenv in benchctl). Throws UsageError naming what is wrong.
ShardRequest parse_shard(const std::string& text,
                         const std::map<std::string, std::string>& environment);
// The variables parse_shard reads for "auto".
std::map<std::string, std::string> shard_environment();

// Benchmarks that must share a shard (a max_ratio budget judges one against the other), and the
// seconds they are expected to take together.
struct ShardUnit {
  std::vector<std::string> names;
  double seconds = 0;
};

// A shard's expected time may exceed an even share by this much before the split is made again.
inline constexpr double kShardImbalance = 0.2;

// Each benchmark's shard, from 1. Units whose benchmarks `previous` placed keep that shard (its
// first benchmark's); the others go, longest first, to the shard expected to end soonest. When
// that leaves a shard empty or beyond kShardImbalance, every unit is placed again, longest first.
std::map<std::string, int> assign_shards(const std::vector<ShardUnit>& units, int shards,
                                         const std::map<std::string, int>& previous);

}  // namespace benchctl::suite
