// What makes a verb's exit code non-zero (--fail-on), and the JUnit cases of the same verdicts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/budgets.h"
#include "analysis/comparison.h"
#include "report/junit.h"
#include "store/records.h"

namespace benchctl::cli {

// --fail-on: a comma-separated list of regression (❌), slower (⚠️ or ❌), inconclusive (❔:
// a change beyond warn could not be ruled out), budget (a hard budget beyond its limit),
// soft-budget (any budget beyond), failure (a benchmark failed to run), or none. Default:
// regression,budget,failure.
struct Gates {
  bool regression = true;
  bool slower = false;
  bool inconclusive = false;
  bool budget = true;
  bool soft_budget = false;
  bool failure = true;

  // A comparison's verdicts can fail it: regression, slower or inconclusive.
  bool on_verdicts() const { return regression || slower || inconclusive; }
};

// Throws UsageError for an unknown gate.
Gates parse_gates(const std::string& text);

// 3 when a gated benchmark failed to run, else 1 when a gated verdict or budget failed, else 0.
int exit_code(const Gates& gates, const store::RunRecord* run,
              const analysis::RunComparison* comparison,
              const std::vector<analysis::BudgetJudgment>& budgets);

std::vector<report::JunitCase> junit_cases(const Gates& gates, const store::RunRecord* run,
                                           const analysis::RunComparison* comparison,
                                           const std::vector<analysis::BudgetJudgment>& budgets);

}  // namespace benchctl::cli
