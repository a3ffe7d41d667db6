// Judging a run's budgets on the run alone: ✅ the whole confidence interval is inside the
// budget, ⚠️ the interval straddles it, ❌ it is beyond. Exact figures (peak RSS, file sizes)
// have no interval: they are inside or beyond.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/load_figures.h"
#include "stats/bootstrap.h"
#include "store/records.h"

namespace benchctl::analysis {

enum class BudgetStatus { inside, straddles, beyond, not_measured };
std::string to_string(BudgetStatus status);
std::string symbol(BudgetStatus status);  // ✅ ⚠️ ❌ ⬜

enum class BudgetUnit {
  seconds,
  bytes,
  bytes_per_second,
  items_per_second,
  number,
  ratio,
  instructions,
  fraction,             // a share: success rate, degradation
  requests_per_second,  // a load test's achieved rate
  bytes_per_minute      // a load test's resident set slope
};

struct BudgetJudgment {
  std::string benchmark;
  store::BudgetMetric metric = store::BudgetMetric::median;
  std::string counter;  // min_counter and max_counter: the counter's name
  std::string to;       // max_ratio: the entry the ratio is relative to
  double limit = 0;
  bool hard = true;
  BudgetUnit unit = BudgetUnit::seconds;
  bool higher_is_better = false;  // min_throughput
  bool per_operation = false;     // judged on per-operation latencies (benchctl::LatencyRecorder)
  std::optional<double> value;
  std::optional<stats::Interval> interval;
  BudgetStatus status = BudgetStatus::not_measured;

  // A hard budget beyond its limit (or not measured) fails the run; anything else only warns.
  bool fails() const {
    return hard && (status == BudgetStatus::beyond || status == BudgetStatus::not_measured);
  }
};

// Every budget of every result in the run, in the run's order; a load test's budgets on its
// figures in `load_figures` (by result id: analysis/analysed_run.h works them out once).
std::vector<BudgetJudgment> judge_budgets(
    const store::RunRecord& run,
    const std::map<std::int64_t, std::optional<LoadFigures>>& load_figures);

}  // namespace benchctl::analysis
