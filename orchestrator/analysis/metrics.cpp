#include "analysis/metrics.h"

#include <algorithm>

namespace benchctl::analysis {
namespace {

std::optional<double> median_of_groups(const std::vector<std::vector<double>>& groups) {
  std::vector<double> values;
  for (const auto& group : groups)
    values.insert(values.end(), group.begin(), group.end());
  if (values.empty())
    return std::nullopt;
  return stats::median(std::move(values));
}

}  // namespace

std::vector<std::vector<double>> times_by_process(const store::ResultRecord& result,
                                                  bool cpu_time) {
  std::vector<std::vector<double>> groups;
  for (const auto& process : result.processes) {
    if (auto times = store::times_per_iteration(process, cpu_time); !times.empty())
      groups.push_back(std::move(times));
  }
  return groups;
}

std::vector<std::vector<double>> instructions_by_process(const store::ResultRecord& result) {
  std::vector<std::vector<double>> groups;
  for (const auto& process : result.processes) {
    if (auto counts = store::instructions_per_iteration(process); !counts.empty())
      groups.push_back(std::move(counts));
  }
  return groups;
}

std::vector<std::vector<double>> counter_by_process(const store::ResultRecord& result,
                                                    const std::string& counter) {
  std::vector<std::vector<double>> groups;
  for (const auto& process : result.processes) {
    std::vector<double> values;
    for (const auto& sample : process.samples) {
      if (const auto found = sample.counters.find(counter); found != sample.counters.end()) {
        values.push_back(found->second);
      }
    }
    if (!values.empty())
      groups.push_back(std::move(values));
  }
  return groups;
}

ResultMetrics compute_metrics(const store::ResultRecord& result) {
  ResultMetrics metrics;
  for (const auto& process : result.processes) {
    ++metrics.processes;
    metrics.samples += static_cast<int>(process.samples.size());
    if (process.peak_rss_bytes) {
      metrics.peak_rss_bytes = std::max(metrics.peak_rss_bytes.value_or(0),
                                        static_cast<double>(*process.peak_rss_bytes));
    }
  }
  std::vector<double> all_times;
  for (const auto& times : times_by_process(result)) {
    metrics.process_medians.push_back(stats::median(times));
    metrics.process_minima.push_back(*std::min_element(times.begin(), times.end()));
    all_times.insert(all_times.end(), times.begin(), times.end());
  }
  if (!all_times.empty()) {
    metrics.time = stats::describe(all_times);
    metrics.outliers = stats::tukey_outliers(all_times);
  }
  for (const auto& counts : instructions_by_process(result))
    metrics.process_instructions.push_back(stats::median(counts));
  if (!metrics.process_instructions.empty()) {
    metrics.instructions = stats::median(metrics.process_instructions);
    // Cache counters are totals over a repetition's iterations, like the instructions.
    auto per_iteration = [&](const char* counter) -> std::optional<double> {
      std::vector<double> values;
      for (const auto& process : result.processes) {
        for (const auto& sample : process.samples) {
          const auto found = sample.counters.find(counter);
          if (sample.instructions && found != sample.counters.end())
            values.push_back(found->second / static_cast<double>(sample.iterations));
        }
      }
      return values.empty() ? std::nullopt : std::optional(stats::median(std::move(values)));
    };
    metrics.l1_misses = per_iteration("l1_misses");
    metrics.ll_misses = per_iteration("ll_misses");
    metrics.estimated_cycles = per_iteration("estimated_cycles");
  }
  metrics.bytes_per_second = median_of_groups(counter_by_process(result, "bytes_per_second"));
  metrics.items_per_second = median_of_groups(counter_by_process(result, "items_per_second"));
  metrics.size_bytes = median_of_groups(counter_by_process(result, "size_bytes"));
  std::vector<double> allocations, frees, bytes;
  for (const store::ProcessRecord& process : result.processes) {
    if (process.allocations) {
      allocations.push_back(process.allocations->allocations);
      frees.push_back(process.allocations->frees);
      bytes.push_back(process.allocations->bytes);
    }
  }
  if (!allocations.empty()) {
    metrics.allocations = stats::median(std::move(allocations));
    metrics.frees = stats::median(std::move(frees));
    metrics.allocated_bytes = stats::median(std::move(bytes));
  }
  if (const auto p50 = median_of_groups(counter_by_process(result, "latency_p50"))) {
    ResultMetrics::Latency latency;
    latency.p50 = *p50;
    latency.p90 = median_of_groups(counter_by_process(result, "latency_p90")).value_or(0);
    latency.p95 = median_of_groups(counter_by_process(result, "latency_p95")).value_or(0);
    latency.p99 = median_of_groups(counter_by_process(result, "latency_p99")).value_or(0);
    latency.max = median_of_groups(counter_by_process(result, "latency_max")).value_or(0);
    metrics.latency = latency;
  }
  return metrics;
}

std::optional<std::string> latency_counter(store::BudgetMetric metric) {
  switch (metric) {
    case store::BudgetMetric::median:
    case store::BudgetMetric::p50:
      return "latency_p50";
    case store::BudgetMetric::p90:
    case store::BudgetMetric::p95:
    case store::BudgetMetric::p99:
    case store::BudgetMetric::max:
      return "latency_" + store::to_string(metric);
    default:
      return std::nullopt;
  }
}

}  // namespace benchctl::analysis
