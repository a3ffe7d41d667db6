#include "stats/run_level.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "stats/distributions.h"
#include "stats/summary.h"
#include "util/error.h"

namespace benchctl::stats {
namespace {

// What one run contributes: its level, the spread of its processes and how many there are.
struct RunLevel {
  double level = 0;
  double process_variance = 0;  // robust, of the logs; 0 with one process
  std::size_t processes = 0;

  // Share of σ_proc² in the variance of the level: c / n.
  double process_weight() const {
    const double n = static_cast<double>(processes);
    return (processes >= 3 ? std::numbers::pi / 2 : 1.0) / n;
  }
};

RunLevel level_of(const RunFigures& figures) {
  if (figures.empty())
    throw Error("a run without figures cannot be compared");
  std::vector<double> logs;
  logs.reserve(figures.size());
  for (const double value : figures) {
    if (!(value > 0))
      throw Error("figures to compare must be positive");
    logs.push_back(std::log(value));
  }
  RunLevel run;
  run.processes = logs.size();
  run.level = median(logs);
  if (logs.size() == 2) {
    run.process_variance = std::pow(logs[0] - logs[1], 2) / 2;
  } else if (logs.size() >= 3) {
    std::vector<double> deviations;
    for (const double x : logs)
      deviations.push_back(std::abs(x - run.level));
    run.process_variance = std::pow(1.4826 * median(std::move(deviations)), 2);
  }
  return run;
}

std::vector<RunLevel> levels_of(const std::vector<RunFigures>& runs) {
  std::vector<RunLevel> levels;
  for (const RunFigures& run : runs)
    levels.push_back(level_of(run));
  return levels;
}

// The between-run variance a side's own runs show: the variance of their levels less the
// process component each carries (df k - 1; nothing with one run).
RunNoise side_noise(const std::vector<RunLevel>& runs, double process_variance) {
  if (runs.size() < 2)
    return {};
  std::vector<double> levels;
  double carried = 0;
  for (const RunLevel& run : runs) {
    levels.push_back(run.level);
    carried += run.process_weight() * process_variance;
  }
  carried /= static_cast<double>(runs.size());
  const double spread = std::pow(stddev(levels), 2);
  return {std::max(0.0, spread - carried), static_cast<double>(runs.size() - 1)};
}

double mean_level(const std::vector<RunLevel>& runs) {
  double sum = 0;
  for (const RunLevel& run : runs)
    sum += run.level;
  return sum / static_cast<double>(runs.size());
}

}  // namespace

double run_level(const RunFigures& figures) {
  return level_of(figures).level;
}

std::vector<double> level_differences(const std::vector<double>& levels, std::size_t lag) {
  if (levels.size() < 2)
    return {};
  const std::size_t longest = levels.size() - 1;
  lag = std::max<std::size_t>(lag, 1);
  std::size_t shortest = (lag + 1) / 2;
  if (shortest > longest)
    shortest = std::max<std::size_t>(1, (longest + 1) / 2);
  const std::size_t upto = std::min(2 * lag, longest);
  std::vector<double> differences;
  for (std::size_t apart = shortest; apart <= upto; ++apart) {
    for (std::size_t i = apart; i < levels.size(); ++i)
      differences.push_back(levels[i] - levels[i - apart]);
  }
  return differences;
}

RunNoise pool(const std::vector<RunNoise>& estimates) {
  RunNoise pooled;
  double weighted = 0;
  for (const RunNoise& estimate : estimates) {
    weighted += estimate.df * estimate.variance;
    pooled.df += estimate.df;
  }
  pooled.variance = pooled.df > 0 ? weighted / pooled.df : 0;
  return pooled;
}

RunLevelComparison compare_run_levels(const std::vector<RunFigures>& before,
                                      const std::vector<RunFigures>& after, const RunNoise& prior,
                                      double confidence, double alpha) {
  if (before.empty() || after.empty())
    throw Error("a comparison needs runs on both sides");
  if (!(confidence > 0 && confidence < 1))
    throw Error("confidence must be between 0 and 1");
  const std::vector<RunLevel> a = levels_of(before);
  const std::vector<RunLevel> b = levels_of(after);

  // σ_proc², pooled over every run with more than one process.
  double process_sum = 0, process_df = 0;
  for (const auto* side : {&a, &b}) {
    for (const RunLevel& run : *side) {
      process_sum += static_cast<double>(run.processes - 1) * run.process_variance;
      process_df += static_cast<double>(run.processes - 1);
    }
  }
  const double process_variance = process_df > 0 ? process_sum / process_df : 0;

  RunLevelComparison c;
  c.run_noise = pool({prior, side_noise(a, process_variance), side_noise(b, process_variance)});
  // SE² = σ_run² (1/k_a + 1/k_b) + σ_proc² Σ_side Σ_run (c/n) / k_side².
  const double run_coefficient =
      1.0 / static_cast<double>(a.size()) + 1.0 / static_cast<double>(b.size());
  double process_coefficient = 0;
  for (const auto* side : {&a, &b}) {
    const double k = static_cast<double>(side->size());
    for (const RunLevel& run : *side)
      process_coefficient += run.process_weight() / (k * k);
  }
  const double run_part = run_coefficient * c.run_noise.variance;
  const double process_part = process_coefficient * process_variance;
  const double variance = run_part + process_part;
  c.standard_error = std::sqrt(variance);
  // The median's spread estimate (MAD) is worth about half its processes' degrees of freedom.
  const double process_estimate_df = std::max(process_df / 2, 1.0);
  const double run_df = c.run_noise.df > 0 ? c.run_noise.df : 1.0;
  c.df =
      variance > 0
          ? variance * variance /
                (run_part * run_part / run_df + process_part * process_part / process_estimate_df)
          : 0;
  c.run_sd = std::sqrt(c.run_noise.variance);
  c.process_sd = std::sqrt(process_variance);
  c.run_coefficient = run_coefficient;
  c.process_part = process_part;
  c.process_df = process_estimate_df;

  const double log_before = mean_level(a);
  const double log_after = mean_level(b);
  const double difference = log_after - log_before;
  c.before_level = std::exp(log_before);
  c.after_level = std::exp(log_after);
  c.ratio = std::exp(difference);
  if (c.standard_error <= 0) {  // no spread anywhere: figures that repeat exactly
    c.interval = {c.ratio, c.ratio};
    c.p_value = difference == 0 ? 1.0 : 0.0;
    return c;
  }
  c.p_value = t_p_value(difference / c.standard_error, c.df);
  const double half_width = t_quantile(c.df, (1 + confidence) / 2) * c.standard_error;
  c.interval = {std::exp(difference - half_width), std::exp(difference + half_width)};
  c.minimum_detectable =
      std::exp((t_quantile(c.df, 1 - alpha / 2) + t_quantile(c.df, 0.8)) * c.standard_error) - 1;
  return c;
}

RunNoise estimate_run_noise(const std::vector<RunFigures>& series, std::size_t lag) {
  if (series.size() < 2)
    return {};
  const std::vector<RunLevel> runs = levels_of(series);
  const std::size_t longest = runs.size() - 1;
  lag = std::max<std::size_t>(lag, 1);
  std::size_t shortest = (lag + 1) / 2;
  if (shortest > longest)
    shortest = std::max<std::size_t>(1, (longest + 1) / 2);
  std::vector<double> levels;
  for (const RunLevel& run : runs)
    levels.push_back(run.level);
  const std::vector<double> differences = level_differences(levels, lag);
  std::vector<double> magnitudes;
  for (const double d : differences)
    magnitudes.push_back(std::abs(d));
  const double clip = 3 * 1.4826 * median(magnitudes);
  double sum_of_squares = 0;
  for (const double d : differences) {
    const double clipped = clip > 0 ? std::min(std::abs(d), clip) : std::abs(d);
    sum_of_squares += clipped * clipped;
  }
  const double level_variance = sum_of_squares / (2 * static_cast<double>(differences.size()));
  // The process component of the levels, which the comparison adds back for its own runs.
  double carried = 0, process_sum = 0, process_df = 0;
  for (const RunLevel& run : runs) {
    process_sum += static_cast<double>(run.processes - 1) * run.process_variance;
    process_df += static_cast<double>(run.processes - 1);
  }
  const double process_variance = process_df > 0 ? process_sum / process_df : 0;
  for (const RunLevel& run : runs)
    carried += run.process_weight() * process_variance;
  carried /= static_cast<double>(runs.size());
  // Differences `shortest` apart overlap: about (k - 1) / shortest of them are independent, each
  // worth two thirds of a degree of freedom as successive differences are.
  const double independent = static_cast<double>(longest) / static_cast<double>(shortest);
  return {std::max(0.0, level_variance - carried), std::max(1.0, 2 * independent / 3)};
}

}  // namespace benchctl::stats
