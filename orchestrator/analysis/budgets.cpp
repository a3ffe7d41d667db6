#include "analysis/budgets.h"

#include <algorithm>

#include "analysis/comparison.h"
#include "analysis/metrics.h"
#include "stats/summary.h"

namespace benchctl::analysis {
namespace {

using Statistic = double (*)(std::vector<double>);

Statistic time_statistic(const std::string& metric) {
  if (metric == "median" || metric == "p50")
    return [](std::vector<double> v) { return stats::median(std::move(v)); };
  if (metric == "p90")
    return [](std::vector<double> v) { return stats::percentile(std::move(v), 90); };
  if (metric == "p95")
    return [](std::vector<double> v) { return stats::percentile(std::move(v), 95); };
  if (metric == "p99")
    return [](std::vector<double> v) { return stats::percentile(std::move(v), 99); };
  if (metric == "max")
    return [](std::vector<double> v) { return *std::max_element(v.begin(), v.end()); };
  if (metric == "min")
    return [](std::vector<double> v) { return *std::min_element(v.begin(), v.end()); };
  return [](std::vector<double> v) { return stats::mean(v); };  // mean
}

std::vector<double> pooled(const std::vector<std::vector<double>>& groups) {
  std::vector<double> all;
  for (const auto& group : groups)
    all.insert(all.end(), group.begin(), group.end());
  return all;
}

void judge_sampled(BudgetJudgment& j, const std::vector<std::vector<double>>& groups,
                   Statistic statistic, double confidence) {
  if (groups.empty())
    return;
  j.value = statistic(pooled(groups));
  j.interval = stats::bootstrap_pooled_statistic(groups, statistic, confidence);
  const double worst = j.higher_is_better ? j.interval->low : j.interval->high;
  const double best = j.higher_is_better ? j.interval->high : j.interval->low;
  const auto within = [&](double v) { return j.higher_is_better ? v >= j.limit : v <= j.limit; };
  j.status = within(worst)  ? BudgetStatus::inside
             : within(best) ? BudgetStatus::straddles
                            : BudgetStatus::beyond;
}

void judge_exact(BudgetJudgment& j, std::optional<double> value) {
  if (!value)
    return;
  j.value = value;
  j.status = *value <= j.limit ? BudgetStatus::inside : BudgetStatus::beyond;
}

}  // namespace

std::string to_string(BudgetStatus status) {
  switch (status) {
    case BudgetStatus::inside:
      return "inside";
    case BudgetStatus::straddles:
      return "straddles";
    case BudgetStatus::beyond:
      return "beyond";
    case BudgetStatus::not_measured:
      return "not measured";
  }
  return "unknown";
}

std::string symbol(BudgetStatus status) {
  switch (status) {
    case BudgetStatus::inside:
      return "✅";
    case BudgetStatus::straddles:
      return "⚠️";
    case BudgetStatus::beyond:
      return "❌";
    case BudgetStatus::not_measured:
      return "⬜";
  }
  return "?";
}

std::vector<BudgetJudgment> judge_budgets(const store::RunRecord& run) {
  std::vector<BudgetJudgment> judgments;
  for (const store::ResultRecord& result : run.results) {
    if (!result.settings.contains("budgets"))
      continue;
    const stats::Policy policy = policy_of(result);
    const double confidence = policy.confidence;
    const bool measured = result.status == store::ResultStatus::ok;
    for (const auto& budget : result.settings["budgets"]) {
      BudgetJudgment& j = judgments.emplace_back();
      j.benchmark = result.name;
      j.metric = budget.value("metric", std::string());
      j.limit = budget.value("limit", 0.0);
      j.hard = budget.value("hard", true);
      if (!measured)
        continue;
      if (j.metric == "max_rss") {
        j.unit = BudgetUnit::bytes;
        judge_exact(j, compute_metrics(result).peak_rss_bytes);
      } else if (j.metric == "max_size") {
        j.unit = BudgetUnit::bytes;
        judge_exact(j, compute_metrics(result).size_bytes);
      } else if (j.metric == "min_counter" || j.metric == "max_counter") {
        j.counter = budget.value("counter", std::string());
        j.unit = BudgetUnit::number;
        j.higher_is_better = j.metric == "min_counter";
        judge_sampled(
            j, counter_by_process(result, j.counter),
            [](std::vector<double> v) { return stats::median(std::move(v)); }, confidence);
      } else if (j.metric == "min_throughput") {
        const bool bytes = budget.value("bytes", true);
        j.unit = bytes ? BudgetUnit::bytes_per_second : BudgetUnit::items_per_second;
        j.higher_is_better = true;
        judge_sampled(
            j, counter_by_process(result, bytes ? "bytes_per_second" : "items_per_second"),
            [](std::vector<double> v) { return stats::median(std::move(v)); }, confidence);
      } else if (const auto counter = latency_counter(j.metric);
                 counter && !counter_by_process(result, *counter).empty()) {
        // The benchmark records single operations: the budget is about them, not batch means.
        j.per_operation = true;
        judge_sampled(
            j, counter_by_process(result, *counter),
            [](std::vector<double> v) { return stats::median(std::move(v)); }, confidence);
      } else {
        judge_sampled(j, times_by_process(result, policy.cpu_time), time_statistic(j.metric),
                      confidence);
      }
    }
  }
  return judgments;
}

}  // namespace benchctl::analysis
