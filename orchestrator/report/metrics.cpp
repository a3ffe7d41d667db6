#include "report/metrics.h"

#include <algorithm>

namespace benchctl::report {
namespace {

std::optional<double> median_counter(const store::ResultRecord& result, const std::string& name) {
  std::vector<double> values;
  for (const auto& process : result.processes) {
    for (const auto& sample : process.samples) {
      if (const auto found = sample.counters.find(name); found != sample.counters.end())
        values.push_back(found->second);
    }
  }
  if (values.empty())
    return std::nullopt;
  return stats::median(std::move(values));
}

}  // namespace

ResultMetrics compute_metrics(const store::ResultRecord& result) {
  ResultMetrics metrics;
  std::vector<double> per_iteration;
  for (const auto& process : result.processes) {
    ++metrics.processes;
    if (process.peak_rss_bytes) {
      metrics.peak_rss_bytes = std::max(metrics.peak_rss_bytes.value_or(0),
                                        static_cast<double>(*process.peak_rss_bytes));
    }
    for (const auto& sample : process.samples) {
      ++metrics.samples;
      if (sample.real_seconds && sample.iterations > 0) {
        per_iteration.push_back(*sample.real_seconds / static_cast<double>(sample.iterations));
      }
    }
  }
  if (!per_iteration.empty())
    metrics.time = stats::describe(per_iteration);
  metrics.bytes_per_second = median_counter(result, "bytes_per_second");
  metrics.items_per_second = median_counter(result, "items_per_second");
  metrics.size_bytes = median_counter(result, "size_bytes");
  return metrics;
}

}  // namespace benchctl::report
