#include "workflow/run_groups.h"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <set>

#include "stats/summary.h"
#include "util/error.h"

namespace benchctl::workflow {
namespace {

// The newest stored runs the benchmarks' times are looked for in.
constexpr int kRunsForTimes = 50;
constexpr std::size_t kLongestGroupName = 200;

void check_group_name(const std::string& name) {
  if (name.empty() || name.size() > kLongestGroupName ||
      name.find_first_of(" \t\n\r") != std::string::npos) {
    throw UsageError(fmt::format(
        "--group '{}': expected a name such as nightly-2026-12-05 (no blanks, at most {} "
        "characters)",
        name, kLongestGroupName));
  }
}

// The seconds each benchmark measured in its newest stored result of the suite.
std::map<std::string, double> measured_seconds(store::Store& store, const std::string& suite,
                                               const std::set<std::string>& names) {
  std::map<std::string, double> seconds;
  for (const store::RunRecord& listed : store.list_runs(kRunsForTimes)) {
    if (seconds.size() == names.size())
      break;
    if (listed.suite_name != suite || listed.status != store::RunStatus::complete)
      continue;
    const store::RunRecord run = store.load_run(listed.id, {std::vector<std::string>{}, true});
    for (const store::ResultRecord& result : run.results) {
      if (result.status != store::ResultStatus::ok || !names.contains(result.name) ||
          seconds.contains(result.name)) {
        continue;
      }
      double total = 0;
      for (const store::ProcessRecord& process : result.processes) {
        for (const store::Sample& sample : process.samples)
          total += sample.real_seconds.value_or(0);
      }
      if (total > 0)
        seconds[result.name] = total;
    }
  }
  return seconds;
}

// The jobs as units of benchmarks that must share a shard, each with its expected seconds: its
// measured ones, else the median of the others' (all alike without any).
std::vector<suite::ShardUnit> units_of(const std::vector<suite::Job>& jobs,
                                       const std::map<std::string, double>& seconds) {
  std::map<std::string, std::string> root;  // union-find over max_ratio budgets
  for (const suite::Job& job : jobs)
    root[job.name] = job.name;
  const auto find = [&](std::string name) {
    while (root[name] != name)
      name = root[name];
    return name;
  };
  for (const suite::Job& job : jobs) {
    for (const suite::Budget& budget : job.budgets) {
      if (budget.metric == store::BudgetMetric::max_ratio && root.contains(budget.to))
        root[find(job.name)] = find(budget.to);
    }
  }
  std::vector<double> known;
  for (const auto& [name, value] : seconds)
    known.push_back(value);
  const double unknown = known.empty() ? 1.0 : stats::median(known);
  std::map<std::string, suite::ShardUnit> units;
  for (const suite::Job& job : jobs) {
    suite::ShardUnit& unit = units[find(job.name)];
    unit.names.push_back(job.name);
    const auto measured = seconds.find(job.name);
    unit.seconds += measured != seconds.end() ? measured->second : unknown;
  }
  std::vector<suite::ShardUnit> listed;
  for (auto& [root_name, unit] : units)
    listed.push_back(std::move(unit));
  return listed;
}

store::RunGroup plan_group(store::Store& store, const suite::ResolvedSuite& resolved,
                           const std::string& name, int shards) {
  std::set<std::string> names;
  for (const suite::Job& job : resolved.jobs)
    names.insert(job.name);
  if (static_cast<int>(names.size()) < shards) {
    throw UsageError(fmt::format("--shard: {} shards of {} benchmarks: expected at most {} shards",
                                 shards, names.size(), names.size()));
  }
  store::RunGroup group;
  group.name = name;
  group.suite = resolved.suite.name;
  group.shards = shards;
  const auto previous = store.previous_run_group(group.suite, shards, name);
  group.assignment =
      suite::assign_shards(units_of(resolved.jobs, measured_seconds(store, group.suite, names)),
                           shards, previous ? previous->assignment : std::map<std::string, int>{});
  return group;
}

void check_same_benchmarks(const store::RunGroup& group, const suite::ResolvedSuite& resolved) {
  std::set<std::string> names;
  for (const suite::Job& job : resolved.jobs)
    names.insert(job.name);
  for (const std::string& name : names) {
    if (!group.assignment.contains(name)) {
      throw InputError(fmt::format(
          "group '{}' was split without benchmark {}: every shard of a group must measure the "
          "same suite, filter and plugins",
          group.name, name));
    }
  }
  for (const auto& [name, shard] : group.assignment) {
    if (!names.contains(name)) {
      throw InputError(fmt::format(
          "group '{}' holds benchmark {}, which this suite does not select: every shard of a "
          "group must measure the same suite, filter and plugins",
          group.name, name));
    }
  }
}

}  // namespace

store::GroupShard take_shard(store::Store& store, suite::ResolvedSuite& resolved,
                             const std::string& group, const suite::ShardRequest& shard) {
  check_group_name(group);
  std::optional<store::RunGroup> stored = store.find_run_group(group);
  if (!stored)
    stored = store.claim_run_group(plan_group(store, resolved, group, shard.count));
  if (stored->suite != resolved.suite.name || stored->shards != shard.count) {
    throw InputError(fmt::format("group '{}' is suite {} in {} shards, not {} in {}", group,
                                 stored->suite, stored->shards, resolved.suite.name, shard.count));
  }
  check_same_benchmarks(*stored, resolved);
  std::erase_if(resolved.jobs, [&](const suite::Job& job) {
    return stored->assignment.at(job.name) != shard.index;
  });
  return {group, shard.index};
}

GroupStanding standing_of(const store::RunGroup& group) {
  GroupStanding standing;
  for (int shard = 1; shard <= group.shards; ++shard) {
    const store::RunRecord* newest = nullptr;
    const store::RunRecord* complete = nullptr;
    for (const store::RunRecord& run : group.runs) {
      if (!run.shard || run.shard->index != shard)
        continue;
      newest = &run;
      if (run.status == store::RunStatus::complete)
        complete = &run;
    }
    if (complete) {
      standing.run_ids.push_back(complete->id);
    } else if (newest) {
      standing.missing.push_back(fmt::format(
          "shard {} of {}: run {} {}", shard, group.shards, newest->id,
          newest->status == store::RunStatus::running ? "is still running"
                                                      : "was " + store::to_string(newest->status)));
    } else {
      standing.missing.push_back(fmt::format("shard {} of {}: no run", shard, group.shards));
    }
  }
  std::sort(standing.run_ids.begin(), standing.run_ids.end());
  return standing;
}

std::optional<store::RunGroup> named_group(const std::string& text, store::Store& store) {
  constexpr std::string_view kPrefix = "group:";
  if (!text.starts_with(kPrefix))
    return std::nullopt;
  const std::string name = text.substr(kPrefix.size());
  auto group = store.find_run_group(name);
  if (!group) {
    throw InputError(fmt::format(
        "no run group '{}' in this database (`benchctl run SUITE --shard K/N --group {}` "
        "measures one)",
        name, name));
  }
  return group;
}

store::RunRecord load_as_one_run(store::Store& store, const std::vector<std::int64_t>& run_ids,
                                 const std::string& label) {
  store::RunRecord merged = store.load_run(run_ids.back());
  for (auto id = run_ids.rbegin() + 1; id < run_ids.rend(); ++id) {
    store::RunRecord shard = store.load_run(*id);
    merged.started_at = shard.started_at;
    for (store::ResultRecord& result : shard.results)
      merged.results.push_back(std::move(result));
  }
  std::sort(merged.results.begin(), merged.results.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  merged.label = fmt::format("{}: runs {}", label, fmt::join(run_ids, ", "));
  merged.shard.reset();
  return merged;
}

}  // namespace benchctl::workflow
