// A stored run with what its reports show beside the samples, worked out once: each load test's
// figures (a bootstrap each), its budgets' judgments and its complexity fits. Every format of a
// run's report renders from one AnalysedRun instead of starting again from the raw run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "analysis/budgets.h"
#include "analysis/complexity.h"
#include "analysis/load_figures.h"
#include "store/records.h"

namespace benchctl::analysis {

struct AnalysedRun {
  const store::RunRecord& run;
  std::map<std::int64_t, std::optional<LoadFigures>> load_figures;  // by result id, load tests
  std::vector<BudgetJudgment> budgets;
  std::vector<ComplexityFit> complexity;

  // A load test's figures; nothing for another result or a load test without seconds.
  const std::optional<LoadFigures>& load_of(const store::ResultRecord& result) const;
};

// `run` must outlive the analysis.
AnalysedRun analyse_run(const store::RunRecord& run);

}  // namespace benchctl::analysis
