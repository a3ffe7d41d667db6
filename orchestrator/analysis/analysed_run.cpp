#include "analysis/analysed_run.h"

namespace benchctl::analysis {

const std::optional<LoadFigures>& AnalysedRun::load_of(const store::ResultRecord& result) const {
  static const std::optional<LoadFigures> none;
  const auto found = load_figures.find(result.id);
  return found == load_figures.end() ? none : found->second;
}

AnalysedRun analyse_run(const store::RunRecord& run) {
  AnalysedRun analysed{run, {}, {}, {}};
  for (const store::ResultRecord& result : run.results) {
    if (result.kind == store::ResultKind::load) {
      analysed.load_figures.emplace(
          result.id, compute_load_figures(result, result.settings.policy.confidence));
    }
  }
  analysed.budgets = judge_budgets(run, analysed.load_figures);
  analysed.complexity = fit_run_complexity(run);
  return analysed;
}

}  // namespace benchctl::analysis
