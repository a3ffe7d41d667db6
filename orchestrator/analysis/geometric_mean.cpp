#include "analysis/geometric_mean.h"

#include <cmath>
#include <map>

#include "analysis/comparison.h"

namespace benchctl::analysis {
namespace {

// Sums of log ratios and log interval ends.
struct LogSums {
  double ratio = 0, low = 0, high = 0;
  int count = 0;

  void add(const stats::SampleComparison& c) {
    ratio += std::log(c.ratio);
    low += std::log(c.interval.low);
    high += std::log(c.interval.high);
    ++count;
  }
  GeometricMean mean(const std::string& plugin) const {
    const double n = count;
    return {plugin, std::exp(ratio / n), {std::exp(low / n), std::exp(high / n)}, count};
  }
};

// The reading a benchmark's verdict stands on: the pairs' where they measured.
const stats::SampleComparison& final_reading(const BenchmarkComparison& c) {
  return c.paired && c.paired->measured() ? c.paired->paired : c.result;
}

}  // namespace

std::vector<GeometricMean> geometric_means(const std::vector<BenchmarkComparison>& benchmarks) {
  LogSums overall;
  std::map<std::string, LogSums> plugins;
  for (const BenchmarkComparison& c : benchmarks) {
    if (c.standing != Standing::compared || c.unit != "time")
      continue;
    const stats::SampleComparison& reading = final_reading(c);
    if (!(reading.ratio > 0 && reading.interval.low > 0 && reading.interval.high > 0))
      continue;
    overall.add(reading);
    if (c.kind == store::ResultKind::benchmark)
      plugins[c.name.substr(0, c.name.find('/'))].add(reading);
  }
  std::vector<GeometricMean> means;
  if (overall.count < 2)
    return means;
  means.push_back(overall.mean(""));
  for (const auto& [plugin, sums] : plugins) {
    if (sums.count >= 2)
      means.push_back(sums.mean(plugin));
  }
  return means;
}

}  // namespace benchctl::analysis
