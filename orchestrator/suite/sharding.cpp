#include "suite/sharding.h"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <numeric>
#include <optional>

#include "util/error.h"

namespace benchctl::suite {
namespace {

constexpr int kMostShards = 1000;

std::optional<long> number_in(const std::string& text) {
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

ShardRequest checked(long index, long count, const std::string& what) {
  if (count < 1 || count > kMostShards || index < 1 || index > count) {
    throw UsageError(
        fmt::format("--shard {}: expected shard K of N with 1 <= K <= N <= {}", what, kMostShards));
  }
  return {static_cast<int>(index), static_cast<int>(count)};
}

std::optional<long> variable(const std::map<std::string, std::string>& environment,
                             const char* name) {
  const auto found = environment.find(name);
  if (found == environment.end())
    return std::nullopt;
  const auto value = number_in(found->second);
  if (!value) {
    throw UsageError(
        fmt::format("--shard auto: {}='{}' is not a whole number", name, found->second));
  }
  return value;
}

ShardRequest from_environment(const std::map<std::string, std::string>& environment) {
  if (const auto task = variable(environment, "SLURM_ARRAY_TASK_ID")) {
    const auto count = variable(environment, "SLURM_ARRAY_TASK_COUNT");
    if (!count)
      throw UsageError("--shard auto: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT");
    const long first = variable(environment, "SLURM_ARRAY_TASK_MIN").value_or(0);
    return checked(*task - first + 1, *count,
                   fmt::format("auto (Slurm array task {} of {} from {})", *task, *count, first));
  }
  if (const auto index = variable(environment, "JOB_COMPLETION_INDEX")) {
    const auto count = variable(environment, "BENCHCTL_SHARD_COUNT");
    if (!count) {
      throw UsageError(
          "--shard auto: JOB_COMPLETION_INDEX is set but not BENCHCTL_SHARD_COUNT (set it to the "
          "Job's completions)");
    }
    return checked(*index + 1, *count,
                   fmt::format("auto (Kubernetes completion index {} of {})", *index, *count));
  }
  throw UsageError(
      "--shard auto: expected a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed "
      "Job (JOB_COMPLETION_INDEX); give --shard K/N elsewhere");
}

// Places `order`'s units, each on the shard with the least expected time so far.
void place_longest_first(const std::vector<ShardUnit>& units, std::vector<std::size_t> order,
                         std::vector<double>& loads, std::vector<int>& placed) {
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return units[a].seconds > units[b].seconds;
  });
  for (const std::size_t u : order) {
    const auto least = std::min_element(loads.begin(), loads.end()) - loads.begin();
    placed[u] = static_cast<int>(least) + 1;
    loads[least] += units[u].seconds;
  }
}

double largest(const std::vector<double>& loads) {
  return *std::max_element(loads.begin(), loads.end());
}

double even_share(const std::vector<double>& loads) {
  return std::accumulate(loads.begin(), loads.end(), 0.0) / static_cast<double>(loads.size());
}

}  // namespace

ShardRequest parse_shard(const std::string& text,
                         const std::map<std::string, std::string>& environment) {
  if (text == "auto")
    return from_environment(environment);
  const auto slash = text.find('/');
  const auto index = number_in(text.substr(0, slash));
  const auto count = slash == std::string::npos ? std::nullopt : number_in(text.substr(slash + 1));
  if (!index || !count) {
    throw UsageError(fmt::format("--shard '{}': expected K/N (such as 2/4) or auto", text));
  }
  return checked(*index, *count, text);
}

std::map<std::string, std::string> shard_environment() {
  std::map<std::string, std::string> found;
  for (const char* name : {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN",
                           "JOB_COMPLETION_INDEX", "BENCHCTL_SHARD_COUNT"}) {
    if (const char* value = std::getenv(name))
      found[name] = value;
  }
  return found;
}

std::map<std::string, int> assign_shards(const std::vector<ShardUnit>& units, int shards,
                                         const std::map<std::string, int>& previous) {
  std::vector<int> placed(units.size(), 0);
  std::vector<double> loads(shards, 0);
  std::vector<int> counts(shards, 0);
  std::vector<std::size_t> unplaced;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const auto known = previous.find(units[u].names.front());
    if (known != previous.end() && known->second >= 1 && known->second <= shards) {
      placed[u] = known->second;
      loads[known->second - 1] += units[u].seconds;
    } else {
      unplaced.push_back(u);
    }
  }
  place_longest_first(units, unplaced, loads, placed);
  for (const int shard : placed)
    ++counts[shard - 1];
  // Placed again from scratch when a shard is left empty, or beyond its share by more than
  // kShardImbalance when a new split does better (some splits cannot be even: 9 benchmarks in 4).
  std::vector<int> again(units.size(), 0);
  std::vector<double> again_loads(shards, 0);
  std::vector<std::size_t> all(units.size());
  std::iota(all.begin(), all.end(), 0);
  place_longest_first(units, all, again_loads, again);
  const bool empty_shard = std::find(counts.begin(), counts.end(), 0) != counts.end();
  const bool unbalanced = largest(loads) > (1 + kShardImbalance) * even_share(loads) &&
                          largest(again_loads) < largest(loads);
  if (empty_shard || unbalanced)
    placed = again;
  std::map<std::string, int> assignment;
  for (std::size_t u = 0; u < units.size(); ++u) {
    for (const std::string& name : units[u].names)
      assignment[name] = placed[u];
  }
  return assignment;
}

}  // namespace benchctl::suite
