// How a RunComparison is put together, shared by the comparison of stored runs (comparison.cpp)
// and the paired comparison of an A/B's two runs (paired_comparison.cpp): the sides, the
// benchmarks matched by name, the corrected decisions and the order.
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <vector>

#include "analysis/comparison.h"

namespace benchctl::analysis {

Side side_of(std::span<const store::RunRecord> runs, const std::string& reference);

// What differs between two runs' machines, builds and plugin versions: "key: before → after".
std::vector<std::string> environment_differences(const store::RunRecord& a,
                                                 const store::RunRecord& b);

// One benchmark as one side measured it, over the side's runs.
struct SideResults {
  const store::ResultRecord* newest = nullptr;
  std::vector<const store::ResultRecord*> measured;  // the runs where it succeeded
};

// Each benchmark of `runs` (passing `filter`) by name; `order` gets the names as first met.
std::map<std::string, SideResults> by_name(std::span<const store::RunRecord> runs,
                                           const std::optional<std::regex>& filter,
                                           std::vector<std::string>& order);

// Matches the two sides' results by name into `comparison`, in the current side's order, then
// those only the baseline has; `compare` judges each benchmark both sides have.
template <class Compare>
void match_by_name(RunComparison& comparison, std::span<const store::RunRecord> baseline,
                   std::span<const store::RunRecord> current,
                   const std::optional<std::regex>& filter, Compare compare) {
  std::vector<std::string> before_order, after_order;
  const auto before = by_name(baseline, filter, before_order);
  const auto after = by_name(current, filter, after_order);
  for (const std::string& name : after_order) {
    const SideResults& newer = after.at(name);
    BenchmarkComparison& c = comparison.benchmarks.emplace_back();
    c.name = name;
    c.kind = newer.newest->kind;
    c.policy = newer.newest->settings.policy;
    if (const auto found = before.find(name); found != before.end())
      compare(c, found->second, newer);
    else
      c.standing = Standing::only_in_current;
  }
  for (const std::string& name : before_order) {
    if (after.contains(name))
      continue;
    BenchmarkComparison& c = comparison.benchmarks.emplace_back();
    c.name = name;
    c.kind = before.at(name).newest->kind;
    c.standing = Standing::only_in_baseline;
  }
}

// A comparison of exact figures (a file's size, an iteration's allocations): any change is real,
// judged on the policy's thresholds alone. From nothing to something has no finite ratio.
stats::SampleComparison exact_comparison(double before, double after, const stats::Policy& policy);

// When both results counted their allocations: `c.allocations`, on the policy of exact counts.
void compare_allocations(BenchmarkComparison& c, const store::ResultRecord& older,
                         const store::ResultRecord& newer);

// Statistics across every sampled benchmark at once (Benjamini-Hochberg needs all p-values),
// then regressions first.
void decide_and_sort(RunComparison& comparison);
// Regressions first, then the geometric means of the final readings.
void order_and_summarise(RunComparison& comparison);

}  // namespace benchctl::analysis
