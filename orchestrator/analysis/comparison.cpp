#include "analysis/comparison.h"

#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "analysis/metrics.h"
#include "stats/mann_whitney.h"

namespace benchctl::analysis {
namespace {

Side side_of(const store::RunRecord& run, const std::string& reference) {
  Side side;
  side.run_id = run.id;
  side.reference = reference;
  side.suite = run.suite_name;
  side.started_at = run.started_at;
  side.commit = run.environment.value("git_commit", std::string());
  return side;
}

std::string text_of(const nlohmann::json& value) {
  if (value.is_null())
    return "unknown";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::vector<std::string> environment_differences(const store::RunRecord& a,
                                                 const store::RunRecord& b) {
  std::vector<std::string> differences;
  for (const char* key : {"cpu_model", "cores", "compiler", "build_type", "host"}) {
    const auto left = a.environment.contains(key) ? a.environment[key] : nlohmann::json();
    const auto right = b.environment.contains(key) ? b.environment[key] : nlohmann::json();
    if (left != right)
      differences.push_back(fmt::format("{}: {} → {}", key, text_of(left), text_of(right)));
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

// Per-process figures, lower is better: median time per operation, or the file's size.
std::vector<double> figures(const store::ResultRecord& result, bool cpu_time, std::string& unit) {
  if (result.kind == store::ResultKind::file_size) {
    unit = "size";
    std::vector<double> sizes;
    for (const auto& group : counter_by_process(result, "size_bytes"))
      sizes.push_back(group.front());
    return sizes;
  }
  unit = "time";
  std::vector<double> medians;
  for (const auto& times : times_by_process(result, cpu_time))
    medians.push_back(stats::median(times));
  return medians;
}

// After the Benjamini-Hochberg correction over m benchmarks, a change in one benchmark alone
// reaches at best m times the smallest raw p-value its process counts allow.
void note_power(RunComparison& comparison, const std::vector<stats::SampleComparison*>& tested,
                const std::vector<stats::Policy>& policies) {
  std::size_t underpowered = 0;
  std::size_t fewest = SIZE_MAX;
  double best = 0;
  for (std::size_t i = 0; i < tested.size(); ++i) {
    const double reachable = std::min(
        1.0, stats::mann_whitney_min_p_value(tested[i]->before_count, tested[i]->after_count) *
                 static_cast<double>(tested.size()));
    if (reachable >= policies[i].alpha) {
      ++underpowered;
      fewest = std::min({fewest, tested[i]->before_count, tested[i]->after_count});
      best = reachable;
    }
  }
  if (underpowered == 0)
    return;
  comparison.notes.push_back(
      fmt::format("{} of {} benchmarks have too few processes ({} a side) for a change in one of "
                  "them alone to reach "
                  "significance after correcting for {} benchmarks (smallest reachable p {:.3g}); "
                  "measure with more "
                  "processes (8 or more for a suite of this size)",
                  underpowered, tested.size(), fewest, tested.size(), best));
}

int severity(const BenchmarkComparison& c) {
  if (c.standing != Standing::compared)
    return 5;
  switch (c.result.verdict) {
    case stats::Verdict::regression:
      return 0;
    case stats::Verdict::slower:
      return 1;
    case stats::Verdict::improved:
      return 2;
    case stats::Verdict::no_change:
      return 3;
  }
  return 4;
}

}  // namespace

std::string to_string(Standing standing) {
  switch (standing) {
    case Standing::compared:
      return "compared";
    case Standing::only_in_baseline:
      return "only in baseline";
    case Standing::only_in_current:
      return "only in current";
    case Standing::failed_in_baseline:
      return "failed in baseline";
    case Standing::failed_in_current:
      return "failed in current";
  }
  return "unknown";
}

int RunComparison::count(stats::Verdict verdict) const {
  return static_cast<int>(
      std::count_if(benchmarks.begin(), benchmarks.end(), [&](const BenchmarkComparison& c) {
        return c.standing == Standing::compared && c.result.verdict == verdict;
      }));
}

int RunComparison::count(Standing standing) const {
  return static_cast<int>(
      std::count_if(benchmarks.begin(), benchmarks.end(),
                    [&](const BenchmarkComparison& c) { return c.standing == standing; }));
}

RunComparison compare_runs(const store::RunRecord& baseline, const std::string& baseline_reference,
                           const store::RunRecord& current, const std::string& current_reference,
                           const std::optional<std::regex>& filter) {
  RunComparison comparison;
  comparison.baseline = side_of(baseline, baseline_reference);
  comparison.current = side_of(current, current_reference);
  comparison.environment_differences = environment_differences(baseline, current);

  auto selected = [&](const std::string& name) {
    return !filter || std::regex_search(name, *filter);
  };
  std::map<std::string, const store::ResultRecord*> unmatched_baseline;
  for (const auto& result : baseline.results) {
    if (selected(result.name))
      unmatched_baseline[result.name] = &result;
  }

  std::vector<stats::SampleComparison*> tested;
  std::vector<stats::Policy> policies;
  comparison.benchmarks.reserve(unmatched_baseline.size() + current.results.size());
  for (const auto& result : current.results) {
    if (!selected(result.name))
      continue;
    BenchmarkComparison& c = comparison.benchmarks.emplace_back();
    c.name = result.name;
    c.kind = result.kind;
    c.policy = result.settings.policy;
    const auto found = unmatched_baseline.find(result.name);
    if (found == unmatched_baseline.end()) {
      c.standing = Standing::only_in_current;
      continue;
    }
    const store::ResultRecord& old = *found->second;
    unmatched_baseline.erase(found);
    const std::vector<double> old_figures = old.status == store::ResultStatus::ok
                                                ? figures(old, c.policy.cpu_time, c.unit)
                                                : std::vector<double>();
    const std::vector<double> new_figures = result.status == store::ResultStatus::ok
                                                ? figures(result, c.policy.cpu_time, c.unit)
                                                : std::vector<double>();
    if (old_figures.empty()) {
      c.standing = Standing::failed_in_baseline;
    } else if (new_figures.empty()) {
      c.standing = Standing::failed_in_current;
    } else if (c.unit == "size") {
      // A size is exact, not a sample: any change is real, judged on the thresholds alone.
      c.result.before_count = c.result.after_count = 1;
      c.result.before_median = old_figures.front();
      c.result.after_median = new_figures.front();
      c.result.ratio =
          c.result.before_median > 0 ? c.result.after_median / c.result.before_median : 1.0;
      c.result.interval = {c.result.ratio, c.result.ratio};
      c.result.p_value = c.result.adjusted_p_value = c.result.ratio == 1.0 ? 1.0 : 0.0;
      c.result.verdict = stats::verdict_for(c.result, c.policy);
    } else {
      c.result = stats::compare_samples(old_figures, new_figures, c.policy);
    }
  }
  // Statistics across every sampled benchmark at once: Benjamini-Hochberg needs all p-values.
  for (BenchmarkComparison& c : comparison.benchmarks) {
    if (c.standing == Standing::compared && c.unit == "time") {
      tested.push_back(&c.result);
      policies.push_back(c.policy);
    }
  }
  stats::decide(tested, policies);
  note_power(comparison, tested, policies);

  for (const auto& [name, result] : unmatched_baseline) {
    BenchmarkComparison& c = comparison.benchmarks.emplace_back();
    c.name = name;
    c.kind = result->kind;
    c.standing = Standing::only_in_baseline;
  }
  std::stable_sort(comparison.benchmarks.begin(), comparison.benchmarks.end(),
                   [](const BenchmarkComparison& a, const BenchmarkComparison& b) {
                     if (severity(a) != severity(b))
                       return severity(a) < severity(b);
                     return a.name < b.name;
                   });
  return comparison;
}

}  // namespace benchctl::analysis
