// Splitting a suite into shards (suite/sharding.h): --shard's forms, stability, balance.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "suite/sharding.h"
#include "util/error.h"
#include "util/random.h"

namespace benchctl::suite {
namespace {

TEST(Shards, KOfNAndTheClustersIndexesAreRead) {
  const ShardRequest given = parse_shard("2/4", {});
  EXPECT_EQ(given.index, 2);
  EXPECT_EQ(given.count, 4);
  // Slurm numbers array tasks as the job asked (here 0-3), Kubernetes from 0.
  const ShardRequest slurm = parse_shard("auto", {{"SLURM_ARRAY_TASK_ID", "3"},
                                                  {"SLURM_ARRAY_TASK_MIN", "0"},
                                                  {"SLURM_ARRAY_TASK_COUNT", "4"}});
  EXPECT_EQ(slurm.index, 4);
  EXPECT_EQ(slurm.count, 4);
  const ShardRequest pod =
      parse_shard("auto", {{"JOB_COMPLETION_INDEX", "0"}, {"BENCHCTL_SHARD_COUNT", "3"}});
  EXPECT_EQ(pod.index, 1);
  EXPECT_EQ(pod.count, 3);
}

TEST(Shards, BadShardsAreRefusedInOneLine) {
  const std::vector<
      std::pair<std::pair<std::string, std::map<std::string, std::string>>, std::string>>
      cases = {
          {{"5/4", {}}, "--shard 5/4: expected shard K of N with 1 <= K <= N <= 1000"},
          {{"0/4", {}}, "--shard 0/4: expected shard K of N with 1 <= K <= N <= 1000"},
          {{"two", {}}, "--shard 'two': expected K/N (such as 2/4) or auto"},
          {{"2/", {}}, "--shard '2/': expected K/N (such as 2/4) or auto"},
          {{"auto", {}},
           "--shard auto: expected a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes "
           "Indexed Job (JOB_COMPLETION_INDEX); give --shard K/N elsewhere"},
          {{"auto", {{"SLURM_ARRAY_TASK_ID", "x"}}},
           "--shard auto: SLURM_ARRAY_TASK_ID='x' is not a whole number"},
          {{"auto", {{"SLURM_ARRAY_TASK_ID", "1"}}},
           "--shard auto: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT"},
          {{"auto", {{"JOB_COMPLETION_INDEX", "1"}}},
           "--shard auto: JOB_COMPLETION_INDEX is set but not BENCHCTL_SHARD_COUNT (set it to the "
           "Job's completions)"},
      };
  for (const auto& [input, expected] : cases) {
    try {
      parse_shard(input.first, input.second);
      ADD_FAILURE() << input.first << " was accepted";
    } catch (const UsageError& e) {
      EXPECT_EQ(e.what(), expected);
    }
  }
}

std::vector<ShardUnit> units(const std::map<std::string, double>& seconds) {
  std::vector<ShardUnit> listed;
  for (const auto& [name, value] : seconds)
    listed.push_back({{name}, value});
  return listed;
}

std::vector<double> loads(const std::map<std::string, int>& assignment,
                          const std::map<std::string, double>& seconds, int shards) {
  std::vector<double> per_shard(shards, 0);
  for (const auto& [name, shard] : assignment)
    per_shard[shard - 1] += seconds.at(name);
  return per_shard;
}

// Thirty benchmarks of 1 to 20 seconds, as a suite's history gives them.
std::map<std::string, double> suite_of(int benchmarks, std::uint64_t seed) {
  util::SplitMix64 random(seed);
  std::map<std::string, double> seconds;
  for (int b = 0; b < benchmarks; ++b)
    seconds["bench/" + std::to_string(b)] = 1 + 19 * random.uniform();
  return seconds;
}

TEST(Shards, WithHistoryEveryShardIsWithinItsShareAndEveryBenchmarkInOne) {
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    const auto seconds = suite_of(30, seed);
    const auto assignment = assign_shards(units(seconds), 4, {});
    ASSERT_EQ(assignment.size(), seconds.size());
    const auto per_shard = loads(assignment, seconds, 4);
    const double even = std::accumulate(per_shard.begin(), per_shard.end(), 0.0) / 4;
    for (const double load : per_shard) {
      EXPECT_LE(load, (1 + kShardImbalance) * even) << "seed " << seed;
      EXPECT_GE(load, (1 - kShardImbalance) * even) << "seed " << seed;
    }
  }
}

TEST(Shards, WithoutHistoryTheyAreSplitByCount) {
  std::map<std::string, double> alike;
  for (int b = 0; b < 9; ++b)
    alike["bench/" + std::to_string(b)] = 1;
  const auto per_shard = loads(assign_shards(units(alike), 4, {}), alike, 4);
  EXPECT_EQ(*std::max_element(per_shard.begin(), per_shard.end()), 3);
  EXPECT_EQ(*std::min_element(per_shard.begin(), per_shard.end()), 2);
}

TEST(Shards, RenamedAndAddedBenchmarksMoveAndNoOtherDoes) {
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    auto seconds = suite_of(30, seed);
    const auto before = assign_shards(units(seconds), 4, {});
    // One renamed, two added, each as long as a typical benchmark; times measured again drift.
    seconds["bench/renamed"] = seconds.at("bench/7");
    seconds.erase("bench/7");
    seconds["bench/added-1"] = 10;
    seconds["bench/added-2"] = 11;
    util::SplitMix64 drift(seed + 1000);
    for (auto& [name, value] : seconds)
      value *= 0.95 + 0.1 * drift.uniform();
    const auto after = assign_shards(units(seconds), 4, before);
    ASSERT_EQ(after.size(), 32u);
    for (const auto& [name, shard] : after) {
      if (before.contains(name)) {
        EXPECT_EQ(shard, before.at(name)) << name << ", seed " << seed;
      }
    }
  }
}

TEST(Shards, ASplitBeyondItsShareIsMadeAgain) {
  // The previous split knew nothing of the times: now one shard holds the three long ones.
  const std::map<std::string, double> seconds = {{"a", 30}, {"b", 30}, {"c", 30},
                                                 {"d", 1},  {"e", 1},  {"f", 1}};
  const std::map<std::string, int> by_count = {{"a", 1}, {"b", 1}, {"c", 1},
                                               {"d", 2}, {"e", 2}, {"f", 2}};
  const auto per_shard = loads(assign_shards(units(seconds), 2, by_count), seconds, 2);
  EXPECT_LE(*std::max_element(per_shard.begin(), per_shard.end()), 62);
}

TEST(Shards, ABenchmarkAndTheOneItsRatioBudgetNamesShareAShard) {
  const std::vector<ShardUnit> listed = {{{"fast", "slow"}, 4}, {{"a"}, 2}, {{"b"}, 2}, {{"c"}, 2}};
  const auto assignment = assign_shards(listed, 2, {});
  EXPECT_EQ(assignment.at("fast"), assignment.at("slow"));
  EXPECT_EQ(assignment.size(), 5u);
}

TEST(Shards, AShardLeftEmptyByRemovedBenchmarksIsFilledAgain) {
  const std::map<std::string, double> seconds = {{"a", 1}, {"b", 1}, {"c", 1}};
  const auto assignment = assign_shards(units(seconds), 3, {{"a", 1}, {"b", 1}, {"c", 2}});
  std::vector<int> shards;
  for (const auto& [name, shard] : assignment)
    shards.push_back(shard);
  std::sort(shards.begin(), shards.end());
  EXPECT_EQ(shards, (std::vector<int>{1, 2, 3}));
}

}  // namespace
}  // namespace benchctl::suite
