// The figures a report shows for one stored result, computed from its raw samples.
#pragma once

#include <optional>

#include "stats/summary.h"
#include "store/records.h"

namespace benchctl::report {

struct ResultMetrics {
  std::optional<stats::Distribution> time;  // seconds per iteration (per run for commands)
  std::optional<double> bytes_per_second;   // median over repetitions
  std::optional<double> items_per_second;
  std::optional<double> peak_rss_bytes;  // the largest of all processes
  std::optional<double> size_bytes;      // file_size results
  int processes = 0;
  int samples = 0;
};

ResultMetrics compute_metrics(const store::ResultRecord& result);

}  // namespace benchctl::report
