#include "analysis/budgets.h"

#include <algorithm>

#include "analysis/load_figures.h"
#include "analysis/metrics.h"
#include "stats/summary.h"
#include "util/enum_names.h"

namespace benchctl::analysis {
namespace {

constexpr util::EnumNames<BudgetStatus, 4> kStatusNames{
    {{BudgetStatus::inside, "inside"},
     {BudgetStatus::straddles, "straddles"},
     {BudgetStatus::beyond, "beyond"},
     {BudgetStatus::not_measured, "not measured"}}};
constexpr util::EnumNames<BudgetStatus, 4> kStatusSymbols{{{BudgetStatus::inside, "✅"},
                                                           {BudgetStatus::straddles, "⚠️"},
                                                           {BudgetStatus::beyond, "❌"},
                                                           {BudgetStatus::not_measured, "⬜"}}};

using Statistic = double (*)(std::vector<double>);

double median_of(std::vector<double> v) {
  return stats::median(std::move(v));
}

Statistic time_statistic(store::BudgetMetric metric) {
  switch (metric) {
    case store::BudgetMetric::median:
    case store::BudgetMetric::p50:
      return median_of;
    case store::BudgetMetric::p90:
      return [](std::vector<double> v) { return stats::percentile(std::move(v), 90); };
    case store::BudgetMetric::p95:
      return [](std::vector<double> v) { return stats::percentile(std::move(v), 95); };
    case store::BudgetMetric::p99:
      return [](std::vector<double> v) { return stats::percentile(std::move(v), 99); };
    case store::BudgetMetric::max:
      return [](std::vector<double> v) { return *std::max_element(v.begin(), v.end()); };
    case store::BudgetMetric::min:
      return [](std::vector<double> v) { return *std::min_element(v.begin(), v.end()); };
    default:
      return [](std::vector<double> v) { return stats::mean(v); };
  }
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

// Per-process median times of a result.
std::vector<double> process_medians(const store::ResultRecord& result, bool cpu_time) {
  std::vector<double> medians;
  for (const auto& times : times_by_process(result, cpu_time))
    medians.push_back(stats::median(times));
  return medians;
}

// The ratio of the result's median time to its anchor's, in the same run, with a bootstrap
// interval over both sides' processes.
void judge_ratio(BudgetJudgment& j, const store::ResultRecord& result,
                 const store::RunRecord& run) {
  j.unit = BudgetUnit::ratio;
  const auto anchor =
      std::find_if(run.results.begin(), run.results.end(), [&](const store::ResultRecord& r) {
        return r.name == j.to && r.status == store::ResultStatus::ok;
      });
  if (anchor == run.results.end())
    return;
  const stats::Policy& policy = result.settings.policy;
  const auto mine = process_medians(result, policy.cpu_time);
  const auto theirs = process_medians(*anchor, policy.cpu_time);
  if (mine.empty() || theirs.empty() || stats::median(theirs) <= 0)
    return;
  j.value = stats::median(mine) / stats::median(theirs);
  j.interval = stats::bootstrap_ratio_of_medians(theirs, mine, policy.confidence);
  j.status = j.interval->high <= j.limit  ? BudgetStatus::inside
             : j.interval->low <= j.limit ? BudgetStatus::straddles
                                          : BudgetStatus::beyond;
}

void judge_figure(BudgetJudgment& j, const std::optional<LoadFigure>& figure) {
  if (!figure)
    return;
  j.value = figure->value;
  j.interval = figure->interval;
  const stats::Interval range =
      figure->interval.value_or(stats::Interval{figure->value, figure->value});
  const double worst = j.higher_is_better ? range.low : range.high;
  const double best = j.higher_is_better ? range.high : range.low;
  const auto within = [&](double v) { return j.higher_is_better ? v >= j.limit : v <= j.limit; };
  j.status = within(worst)  ? BudgetStatus::inside
             : within(best) ? BudgetStatus::straddles
                            : BudgetStatus::beyond;
}

// A load test's budgets, on its figures.
const std::optional<LoadFigures> kNoFigures;

void judge_load(BudgetJudgment& j, const store::BudgetSpec& budget,
                const std::optional<LoadFigures>& figures) {
  if (!figures)
    return;
  const LoadFigures& f = *figures;
  switch (budget.metric) {
    case store::BudgetMetric::median:
    case store::BudgetMetric::p50:
      return judge_figure(j, f.p50);
    case store::BudgetMetric::p90:
      return judge_figure(j, f.p90);
    case store::BudgetMetric::p95:
      return judge_figure(j, f.p95);
    case store::BudgetMetric::p99:
      return judge_figure(j, f.p99);
    case store::BudgetMetric::p999:
      return judge_figure(j, f.p999);
    case store::BudgetMetric::max:
      return judge_figure(j, f.max);
    case store::BudgetMetric::mean:
      return judge_figure(j, f.mean);
    case store::BudgetMetric::min_success_rate:
      j.unit = BudgetUnit::fraction;
      j.higher_is_better = true;
      if (f.success_rate)
        judge_figure(j, LoadFigure{*f.success_rate, std::nullopt});
      return;
    case store::BudgetMetric::min_achieved_rate:
      j.unit = BudgetUnit::requests_per_second;
      j.higher_is_better = true;
      return judge_figure(j, f.achieved_rate);
    case store::BudgetMetric::max_recovery_time:
      if (f.recovery_time) {
        judge_figure(j, LoadFigure{*f.recovery_time, std::nullopt});
        if (!f.recovered)
          j.status = BudgetStatus::beyond;
      }
      return;
    case store::BudgetMetric::max_rss_slope:
      j.unit = BudgetUnit::bytes_per_minute;
      return judge_figure(j, f.rss_slope);
    case store::BudgetMetric::max_degradation:
      j.unit = BudgetUnit::fraction;
      return judge_figure(j, f.degradation);
    default:
      return;
  }
}

// Judges one budget of a measured result.
void judge(BudgetJudgment& j, const store::BudgetSpec& budget, const store::ResultRecord& result,
           const store::RunRecord& run) {
  const stats::Policy& policy = result.settings.policy;
  switch (budget.metric) {
    case store::BudgetMetric::max_ratio:
      judge_ratio(j, result, run);
      return;
    case store::BudgetMetric::max_instructions:
      // Counts repeat exactly: the figure has no interval.
      j.unit = BudgetUnit::instructions;
      judge_exact(j, compute_metrics(result).instructions);
      return;
    case store::BudgetMetric::max_allocs:
      j.unit = BudgetUnit::number;
      judge_exact(j, compute_metrics(result).allocations);
      return;
    case store::BudgetMetric::max_alloc_bytes:
      j.unit = BudgetUnit::bytes;
      judge_exact(j, compute_metrics(result).allocated_bytes);
      return;
    case store::BudgetMetric::max_rss:
      j.unit = BudgetUnit::bytes;
      judge_exact(j, compute_metrics(result).peak_rss_bytes);
      return;
    case store::BudgetMetric::max_size:
      j.unit = BudgetUnit::bytes;
      judge_exact(j, compute_metrics(result).size_bytes);
      return;
    case store::BudgetMetric::min_counter:
    case store::BudgetMetric::max_counter:
      j.unit = BudgetUnit::number;
      j.higher_is_better = budget.metric == store::BudgetMetric::min_counter;
      judge_sampled(j, counter_by_process(result, j.counter), median_of, policy.confidence);
      return;
    case store::BudgetMetric::min_throughput:
      j.unit = budget.bytes_rate ? BudgetUnit::bytes_per_second : BudgetUnit::items_per_second;
      j.higher_is_better = true;
      judge_sampled(
          j,
          counter_by_process(result, budget.bytes_rate ? "bytes_per_second" : "items_per_second"),
          median_of, policy.confidence);
      return;
    default:
      break;
  }
  if (const auto counter = latency_counter(budget.metric);
      counter && !counter_by_process(result, *counter).empty()) {
    // The benchmark records single operations: the budget is about them, not batch means.
    j.per_operation = true;
    judge_sampled(j, counter_by_process(result, *counter), median_of, policy.confidence);
    return;
  }
  judge_sampled(j, times_by_process(result, policy.cpu_time), time_statistic(budget.metric),
                policy.confidence);
}

}  // namespace

std::string to_string(BudgetStatus status) {
  return util::name_of(kStatusNames, status);
}

std::string symbol(BudgetStatus status) {
  return util::name_of(kStatusSymbols, status);
}

std::vector<BudgetJudgment> judge_budgets(
    const store::RunRecord& run,
    const std::map<std::int64_t, std::optional<LoadFigures>>& load_figures) {
  std::vector<BudgetJudgment> judgments;
  for (const store::ResultRecord& result : run.results) {
    for (const store::BudgetSpec& budget : result.settings.budgets) {
      BudgetJudgment& j = judgments.emplace_back();
      j.benchmark = result.name;
      j.metric = budget.metric;
      j.counter = budget.counter;
      j.to = budget.to;
      j.limit = budget.limit;
      j.hard = budget.hard;
      if (result.status != store::ResultStatus::ok)
        continue;
      if (result.kind == store::ResultKind::load && budget.metric != store::BudgetMetric::max_rss) {
        const auto figures = load_figures.find(result.id);
        judge_load(j, budget, figures != load_figures.end() ? figures->second : kNoFigures);
      } else {
        judge(j, budget, result, run);
      }
    }
  }
  return judgments;
}

}  // namespace benchctl::analysis
