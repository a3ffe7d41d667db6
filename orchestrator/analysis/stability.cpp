#include "analysis/stability.h"

#include <algorithm>
#include <map>

#include "analysis/metrics.h"
#include "stats/summary.h"

namespace benchctl::analysis {

std::string to_string(Assessment assessment) {
  switch (assessment) {
    case Assessment::very_stable:
      return "very stable";
    case Assessment::stable:
      return "stable";
    case Assessment::noisy:
      return "noisy";
    case Assessment::unstable:
      return "unstable";
    case Assessment::incomplete:
      return "incomplete";
  }
  return "unknown";
}

Stability analyse_stability(const std::vector<store::RunRecord>& runs) {
  Stability stability;
  std::map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    stability.run_ids.push_back(runs[r].id);
    for (const store::ResultRecord& result : runs[r].results) {
      auto [position, added] = row_of.try_emplace(result.name, stability.rows.size());
      if (added) {
        StabilityRow& row = stability.rows.emplace_back();
        row.name = result.name;
        row.medians.resize(runs.size());
      }
      StabilityRow& row = stability.rows[position->second];
      if (result.status != store::ResultStatus::ok)
        continue;
      const ResultMetrics metrics = compute_metrics(result);
      if (metrics.time) {
        row.medians[r] = metrics.time->median;
      } else if (metrics.size_bytes) {
        row.unit = "size";
        row.medians[r] = metrics.size_bytes;
      }
    }
  }
  for (StabilityRow& row : stability.rows) {
    std::vector<double> present;
    for (const auto& median : row.medians) {
      if (median)
        present.push_back(*median);
    }
    if (present.empty())
      continue;
    row.mean = stats::mean(present);
    row.stddev = stats::stddev(present);
    row.cv = row.mean != 0 ? row.stddev / row.mean : 0;
    if (present.size() < row.medians.size()) {
      row.assessment = Assessment::incomplete;
    } else if (row.cv < 0.01) {
      row.assessment = Assessment::very_stable;
    } else if (row.cv < 0.05) {
      row.assessment = Assessment::stable;
    } else if (row.cv < 0.10) {
      row.assessment = Assessment::noisy;
    } else {
      row.assessment = Assessment::unstable;
    }
  }
  return stability;
}

}  // namespace benchctl::analysis
