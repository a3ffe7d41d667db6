#include "analysis/comparison_assembly.h"

#include <fmt/format.h>
#include <algorithm>
#include <limits>

#include "analysis/metrics.h"
#include "store/tuning_state.h"

namespace benchctl::analysis {
namespace {

std::string text_of(const nlohmann::json& value) {
  if (value.is_null())
    return "unknown";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

Side side_of(std::span<const store::RunRecord> runs, const std::string& reference) {
  Side side;
  for (const auto& run : runs)
    side.run_ids.push_back(run.id);
  side.reference = reference;
  const store::RunRecord& newest = runs.back();
  side.suite = newest.suite_name;
  side.started_at = newest.started_at;
  side.commit = newest.environment.git_commit.value_or("");
  for (const auto& run : runs) {
    const std::string machine = run.environment.machine();
    if (std::find(side.machines.begin(), side.machines.end(), machine) == side.machines.end())
      side.machines.push_back(machine);
  }
  std::sort(side.machines.begin(), side.machines.end());
  return side;
}

std::vector<std::string> environment_differences(const store::RunRecord& a,
                                                 const store::RunRecord& b) {
  std::vector<std::string> differences;
  const nlohmann::json environment_a = a.environment, environment_b = b.environment;
  for (const char* key : {"cpu_model", "cores", "compiler", "build_type", "host", "valgrind"}) {
    const auto left = environment_a.contains(key) ? environment_a[key] : nlohmann::json();
    const auto right = environment_b.contains(key) ? environment_b[key] : nlohmann::json();
    if (left != right)
      differences.push_back(fmt::format("{}: {} → {}", key, text_of(left), text_of(right)));
  }
  const auto& tuning_a = a.environment.tuning;
  const auto& tuning_b = b.environment.tuning;
  if (tuning_a && tuning_b) {
    for (const std::string& changed : store::differences(*tuning_a, *tuning_b))
      differences.push_back("tuning, " + changed);
  }
  std::map<std::string, std::string> before_versions;
  for (const auto& plugin : a.plugins)
    before_versions[plugin.name] = plugin.version;
  for (const auto& plugin : b.plugins) {
    const auto found = before_versions.find(plugin.name);
    if (found != before_versions.end() && found->second != plugin.version) {
      differences.push_back(
          fmt::format("plugin {}: {} → {}", plugin.name, found->second, plugin.version));
    }
  }
  return differences;
}

std::map<std::string, SideResults> by_name(std::span<const store::RunRecord> runs,
                                           const std::optional<std::regex>& filter,
                                           std::vector<std::string>& order) {
  std::map<std::string, SideResults> results;
  for (const store::RunRecord& run : runs) {
    for (const store::ResultRecord& result : run.results) {
      if (filter && !std::regex_search(result.name, *filter))
        continue;
      auto [entry, added] = results.try_emplace(result.name);
      if (added)
        order.push_back(result.name);
      entry->second.newest = &result;
      if (result.status == store::ResultStatus::ok)
        entry->second.measured.push_back(&result);
    }
  }
  return results;
}

stats::SampleComparison exact_comparison(double before, double after, const stats::Policy& policy) {
  stats::SampleComparison r;
  r.before_median = before;
  r.after_median = after;
  r.before_count = r.after_count = 1;
  r.ratio = before > 0 ? after / before : after > 0 ? std::numeric_limits<double>::infinity() : 1.0;
  r.interval = {r.ratio, r.ratio};
  r.p_value = r.adjusted_p_value = r.ratio == 1.0 ? 1.0 : 0.0;
  r.verdict = stats::verdict_for(r, policy);
  return r;
}

void compare_allocations(BenchmarkComparison& c, const store::ResultRecord& older,
                         const store::ResultRecord& newer) {
  const auto before = compute_metrics(older).allocations;
  const auto after = compute_metrics(newer).allocations;
  if (before && after)
    c.allocations = exact_comparison(*before, *after, stats::instruction_policy(c.policy));
}

}  // namespace benchctl::analysis
