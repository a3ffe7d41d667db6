// The paired comparison of an A/B's two runs, and the pairs that settle a stored comparison.
#include "analysis/comparison.h"

#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "analysis/comparison_assembly.h"
#include "analysis/metrics.h"

namespace benchctl::analysis {

void apply_pairs(RunComparison& comparison, const RunComparison& ab,
                 const std::vector<std::string>& settled) {
  for (BenchmarkComparison& c : comparison.benchmarks) {
    if (std::find(settled.begin(), settled.end(), c.name) == settled.end())
      continue;
    PairedReading& reading = c.paired.emplace();
    const auto found = std::find_if(ab.benchmarks.begin(), ab.benchmarks.end(),
                                    [&](const BenchmarkComparison& b) { return b.name == c.name; });
    if (found == ab.benchmarks.end())
      reading.missing = "a build does not have it";
    else if (found->standing != Standing::compared)
      reading.missing = "the A/B " + to_string(found->standing);
    else
      reading.paired = found->result;
  }
  order_and_summarise(comparison);
}

namespace {

// One benchmark of an A/B: pair k is process k of each side, where both measured it.
void compare_pair(BenchmarkComparison& c, const store::ResultRecord& older,
                  const store::ResultRecord& newer, int looks) {
  if (older.status != store::ResultStatus::ok) {
    c.standing = Standing::failed_in_baseline;
    return;
  }
  if (newer.status != store::ResultStatus::ok) {
    c.standing = Standing::failed_in_current;
    return;
  }
  std::map<int, double> before_figures;
  for (const store::ProcessRecord& process : older.processes) {
    if (const auto figure = store::median_per_iteration(process, c.policy.cpu_time))
      before_figures[process.index] = *figure;
  }
  std::vector<double> a, b;
  for (const store::ProcessRecord& process : newer.processes) {
    const auto figure = store::median_per_iteration(process, c.policy.cpu_time);
    if (const auto found = before_figures.find(process.index);
        figure && found != before_figures.end()) {
      a.push_back(found->second);
      b.push_back(*figure);
    }
  }
  if (a.empty()) {
    c.standing = Standing::failed_in_current;
    return;
  }
  c.result = stats::compare_paired(a, b, c.policy, looks);
  compare_allocations(c, older, newer);
  c.baseline_figures = std::move(a);
  c.current_figures = std::move(b);
}

}  // namespace

bool paired(const store::RunRecord& a, const store::RunRecord& b) {
  return a.ab && b.ab && a.ab->id == b.ab->id && a.id != b.id;
}

RunComparison compare_pairs(const store::RunRecord& before, const std::string& before_reference,
                            const store::RunRecord& after, const std::string& after_reference,
                            const std::optional<std::regex>& filter) {
  RunComparison comparison;
  comparison.baseline = side_of({&before, 1}, before_reference);
  comparison.current = side_of({&after, 1}, after_reference);
  comparison.environment_differences = environment_differences(before, after);
  comparison.paired = true;
  const int looks = after.ab ? after.ab->looks : 1;
  match_by_name(comparison, {&before, 1}, {&after, 1}, filter,
                [&](BenchmarkComparison& c, const SideResults& older, const SideResults& newer) {
                  compare_pair(c, *older.newest, *newer.newest, looks);
                });
  comparison.notes.push_back(fmt::format(
      "paired A/B: process k of {} and process k of {} ran side by side, so the machine's drift "
      "cancels in each pair{}",
      before_reference, after_reference,
      looks > 1 ? fmt::format("; stopping early spent the error rate over {} looks", looks)
                : std::string()));
  decide_and_sort(comparison);
  return comparison;
}

}  // namespace benchctl::analysis
