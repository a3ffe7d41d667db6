// The figures of one stored result, computed from its raw samples: what reports show, what
// comparisons and budgets are judged on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stats/summary.h"
#include "store/records.h"

namespace benchctl::analysis {

struct ResultMetrics {
  std::optional<stats::Distribution> time;  // seconds per iteration (per run for commands)
  std::optional<double> bytes_per_second;   // median over repetitions
  std::optional<double> items_per_second;
  std::optional<double> peak_rss_bytes;  // the largest of all processes
  std::optional<double> size_bytes;      // file_size results
  // Per-operation latency percentiles (benchctl::LatencyRecorder), the median over repetitions of
  // each repetition's own percentile; absent when the benchmark does not record them.
  struct Latency {
    double p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0;
  };
  std::optional<Latency> latency;
  std::vector<double> process_medians;  // median time per iteration of each process
  std::vector<double> process_minima;   // fastest repetition of each process
  // Under callgrind (measure: instructions): the median over processes of each process's median
  // instructions per iteration, and those per-process medians.
  std::optional<double> instructions;
  std::vector<double> process_instructions;
  // Cache simulation: L1 and last-level misses and estimated cycles per iteration (medians).
  std::optional<double> l1_misses, ll_misses, estimated_cycles;
  // measure: allocations: an iteration's allocations, frees and bytes allocated (medians over
  // the processes, each of which counted them once).
  std::optional<double> allocations, frees, allocated_bytes;
  std::size_t outliers = 0;  // Tukey outliers among all repetitions
  int processes = 0;
  int samples = 0;
};

ResultMetrics compute_metrics(const store::ResultRecord& result);

// Seconds per iteration of each repetition (wall time, or CPU time), grouped by process.
std::vector<std::vector<double>> times_by_process(const store::ResultRecord& result,
                                                  bool cpu_time = false);

// The counter holding a per-operation latency figure for a time budget metric ("p95" ->
// "latency_p95"), or nothing for metrics that are about repetition means (mean, min).
std::optional<std::string> latency_counter(store::BudgetMetric metric);

// Instructions per iteration of each repetition, grouped by process (processes that counted).
std::vector<std::vector<double>> instructions_by_process(const store::ResultRecord& result);

// A counter's values grouped by process (empty groups dropped).
std::vector<std::vector<double>> counter_by_process(const store::ResultRecord& result,
                                                    const std::string& counter);

}  // namespace benchctl::analysis
