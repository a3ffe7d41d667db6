// The budget table, as the seed documents print it: Benchmark | Budget | Current | Status.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/budgets.h"
#include "report/format.h"

namespace benchctl::report {

std::string render_budgets(const std::vector<analysis::BudgetJudgment>& judgments, Format format,
                           const Style& style);
nlohmann::json budgets_json(const std::vector<analysis::BudgetJudgment>& judgments);

}  // namespace benchctl::report
