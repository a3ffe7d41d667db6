#include "suite/suite.h"

#include <array>
#include <utility>

namespace benchctl::suite {
namespace {

constexpr std::array<std::pair<BudgetMetric, const char*>, 13> kMetricNames{{
    {BudgetMetric::median, "median"},
    {BudgetMetric::p50, "p50"},
    {BudgetMetric::p90, "p90"},
    {BudgetMetric::p95, "p95"},
    {BudgetMetric::p99, "p99"},
    {BudgetMetric::max, "max"},
    {BudgetMetric::min, "min"},
    {BudgetMetric::mean, "mean"},
    {BudgetMetric::max_rss, "max_rss"},
    {BudgetMetric::max_size, "max_size"},
    {BudgetMetric::min_throughput, "min_throughput"},
    {BudgetMetric::min_counter, "min_counter"},
    {BudgetMetric::max_counter, "max_counter"},
}};

// A value set on top replaces the one below it.
template <class T>
void lay_over(std::optional<T>& below, const std::optional<T>& top) {
  if (top)
    below = top;
}

}  // namespace

std::string SourceLocation::str() const {
  if (line <= 0)
    return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

Settings Settings::overlaid_on(const Settings& base) const {
  Settings merged = base;
  lay_over(merged.processes, processes);
  lay_over(merged.repetitions, repetitions);
  lay_over(merged.min_time, min_time);
  lay_over(merged.warmup, warmup);
  lay_over(merged.timeout, timeout);
  lay_over(merged.runs, runs);
  lay_over(merged.warmup_runs, warmup_runs);
  return merged;
}

PolicySettings PolicySettings::overlaid_on(const PolicySettings& base) const {
  PolicySettings merged = base;
  lay_over(merged.alpha, alpha);
  lay_over(merged.noise_floor, noise_floor);
  lay_over(merged.warn, warn);
  lay_over(merged.fail, fail);
  lay_over(merged.confidence, confidence);
  lay_over(merged.cpu_time, cpu_time);
  return merged;
}

stats::Policy PolicySettings::resolve() const {
  stats::Policy policy;
  policy.alpha = alpha.value_or(policy.alpha);
  policy.noise_floor = noise_floor.value_or(policy.noise_floor);
  policy.warn = warn.value_or(policy.warn);
  policy.fail = fail.value_or(policy.fail);
  policy.confidence = confidence.value_or(policy.confidence);
  policy.cpu_time = cpu_time.value_or(policy.cpu_time);
  return policy;
}

Settings builtin_defaults() {
  Settings defaults;
  defaults.processes = 10;
  defaults.repetitions = 3;
  defaults.min_time = 0.1;
  defaults.warmup = 0.05;
  defaults.timeout = 120;
  defaults.runs = 10;
  defaults.warmup_runs = 2;
  return defaults;
}

std::string to_string(BudgetMetric metric) {
  for (const auto& [value, name] : kMetricNames) {
    if (value == metric)
      return name;
  }
  return "unknown";
}

const std::vector<BudgetMetric>& all_budget_metrics() {
  static const std::vector<BudgetMetric> metrics = [] {
    std::vector<BudgetMetric> all;
    for (const auto& [metric, name] : kMetricNames)
      all.push_back(metric);
    return all;
  }();
  return metrics;
}

std::optional<BudgetMetric> budget_metric_from_string(const std::string& name) {
  for (const auto& [value, text] : kMetricNames) {
    if (name == text)
      return value;
  }
  return std::nullopt;
}

std::string to_string(EntryKind kind) {
  switch (kind) {
    case EntryKind::benchmark:
      return "benchmark";
    case EntryKind::command:
      return "command";
    case EntryKind::file_size:
      return "file_size";
  }
  return "unknown";
}

}  // namespace benchctl::suite
