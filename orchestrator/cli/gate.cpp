#include "cli/gate.h"

#include <fmt/format.h>
#include <sstream>

#include "cli/exit_codes.h"
#include "util/error.h"

namespace benchctl::cli {
namespace {

bool gated(const Gates& gates, stats::Verdict verdict) {
  return (verdict == stats::Verdict::regression && (gates.regression || gates.slower)) ||
         (verdict == stats::Verdict::slower && gates.slower) ||
         (verdict == stats::Verdict::inconclusive && gates.inconclusive);
}

// A compared benchmark's verdict fails a gate: the pairs' verdict where it was settled by pairs.
bool gated(const Gates& gates, const analysis::BenchmarkComparison& c) {
  return c.standing == analysis::Standing::compared && gated(gates, c.final_verdict());
}

bool gated(const Gates& gates, const analysis::BudgetJudgment& budget) {
  if (budget.fails())
    return gates.budget || gates.soft_budget;
  return gates.soft_budget && budget.status == analysis::BudgetStatus::beyond;
}

}  // namespace

Gates parse_gates(const std::string& text) {
  Gates gates{false, false, false, false, false, false};
  std::istringstream words(text);
  for (std::string word; std::getline(words, word, ',');) {
    if (word == "regression") {
      gates.regression = true;
    } else if (word == "slower") {
      gates.slower = true;
    } else if (word == "inconclusive") {
      gates.inconclusive = true;
    } else if (word == "budget") {
      gates.budget = true;
    } else if (word == "soft-budget") {
      gates.soft_budget = true;
    } else if (word == "failure") {
      gates.failure = true;
    } else if (word != "none") {
      throw UsageError(
          fmt::format("--fail-on '{}': unknown gate '{}', expected a comma-separated list of "
                      "regression, slower, inconclusive, budget, soft-budget, failure, or none",
                      text, word));
    }
  }
  return gates;
}

int exit_code(const Gates& gates, const store::RunRecord* run,
              const analysis::RunComparison* comparison,
              const std::vector<analysis::BudgetJudgment>& budgets) {
  if (gates.failure && run != nullptr && run->failed_count > 0)
    return kExitBenchmarkFailed;
  bool failed = false;
  if (comparison != nullptr) {
    for (const auto& c : comparison->benchmarks) {
      failed |= gated(gates, c) || (c.instructions && gated(gates, c.instructions->verdict)) ||
                (c.allocations && gated(gates, c.allocations->verdict));
    }
  }
  for (const auto& budget : budgets)
    failed |= gated(gates, budget);
  return failed ? kExitRegression : kExitOk;
}

std::vector<report::JunitCase> junit_cases(const Gates& gates, const store::RunRecord* run,
                                           const analysis::RunComparison* comparison,
                                           const std::vector<analysis::BudgetJudgment>& budgets) {
  std::vector<report::JunitCase> cases;
  if (run != nullptr) {
    for (const auto& result : run->results) {
      report::JunitCase& c = cases.emplace_back();
      c.classname = "run";
      c.name = result.name;
      if (result.status != store::ResultStatus::ok) {
        c.failure = result.reason;
        c.detail = result.output_tail;
        if (!gates.failure) {
          c.failure.clear();
          c.skipped = true;
        }
      }
    }
  }
  if (comparison != nullptr) {
    for (const auto& b : comparison->benchmarks) {
      report::JunitCase& c = cases.emplace_back();
      c.classname = "compare";
      c.name = b.name;
      if (b.standing != analysis::Standing::compared) {
        c.skipped = true;
        c.detail = analysis::to_string(b.standing);
        continue;
      }
      std::string verdict =
          fmt::format("{} (ratio {:.4f}, interval [{:.4f}, {:.4f}], p {:.3g})",
                      stats::to_string(b.result.verdict), b.result.ratio, b.result.interval.low,
                      b.result.interval.high, b.result.adjusted_p_value);
      if (b.paired && b.paired->measured()) {
        const stats::SampleComparison& pairs = b.paired->paired;
        verdict += fmt::format("; by {} pairs: {} (ratio {:.4f}, interval [{:.4f}, {:.4f}])",
                               pairs.pairs, stats::to_string(pairs.verdict), pairs.ratio,
                               pairs.interval.low, pairs.interval.high);
      }
      if (b.instructions) {
        verdict += fmt::format("; instructions: {} (ratio {:.5f})",
                               stats::to_string(b.instructions->verdict), b.instructions->ratio);
      }
      if (b.allocations) {
        verdict += fmt::format("; allocations: {} ({} to {} per iteration)",
                               stats::to_string(b.allocations->verdict),
                               b.allocations->before_median, b.allocations->after_median);
      }
      if (gated(gates, b) || (b.instructions && gated(gates, b.instructions->verdict)) ||
          (b.allocations && gated(gates, b.allocations->verdict))) {
        c.failure = verdict;
      } else {
        c.detail = verdict;
      }
    }
  }
  for (const auto& budget : budgets) {
    report::JunitCase& c = cases.emplace_back();
    c.classname = "budget";
    c.name = budget.benchmark + " " +
             (budget.counter.empty() ? store::to_string(budget.metric) : budget.counter);
    const std::string text =
        fmt::format("{} {} (limit {}{})", store::to_string(budget.metric),
                    analysis::to_string(budget.status), budget.limit, budget.hard ? "" : ", soft");
    if (gated(gates, budget)) {
      c.failure = text;
    } else {
      c.detail = text;
    }
  }
  return cases;
}

}  // namespace benchctl::cli
