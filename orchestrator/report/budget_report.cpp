#include "report/budget_report.h"

#include <fmt/format.h>

#include "report/table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

using analysis::BudgetJudgment;
using analysis::BudgetStatus;

std::string quantity(double value, analysis::BudgetUnit unit) {
  switch (unit) {
    case analysis::BudgetUnit::seconds:
      return util::format_duration(value);
    case analysis::BudgetUnit::bytes:
      return util::format_size(value);
    case analysis::BudgetUnit::bytes_per_second:
      return util::format_rate(value, true);
    case analysis::BudgetUnit::items_per_second:
      return util::format_rate(value, false);
    case analysis::BudgetUnit::number:
      return fmt::format("{:.4g}", value);
    case analysis::BudgetUnit::ratio:
      return fmt::format("{:.2f}×", value);
    case analysis::BudgetUnit::instructions:
      return util::format_count(value);
    case analysis::BudgetUnit::fraction:
      return util::format_percent(value);
    case analysis::BudgetUnit::requests_per_second:
      return util::format_rate(value, false);
    case analysis::BudgetUnit::bytes_per_minute:
      return util::format_size(value) + "/min";
  }
  return {};
}

std::string budget_text(const BudgetJudgment& j) {
  const std::string metric = store::to_string(j.metric);
  const std::string what = !j.counter.empty() ? j.counter
                           : j.per_operation  ? metric + " op"
                                              : metric;
  if (j.metric == store::BudgetMetric::max_ratio)
    return fmt::format("median ≤ {} {}{}", quantity(j.limit, j.unit), j.to,
                       j.hard ? "" : " (soft)");
  return fmt::format("{} {} {}{}", what, j.higher_is_better ? "≥" : "≤", quantity(j.limit, j.unit),
                     j.hard ? "" : " (soft)");
}

std::string current_text(const BudgetJudgment& j) {
  if (!j.value)
    return "-";
  std::string text = quantity(*j.value, j.unit);
  if (j.interval) {
    text += fmt::format(" [{}, {}]", quantity(j.interval->low, j.unit),
                        quantity(j.interval->high, j.unit));
  }
  return text;
}

std::string status_text(const BudgetJudgment& j, const Style& style) {
  const std::string text = analysis::symbol(j.status) + " " + analysis::to_string(j.status);
  switch (j.status) {
    case BudgetStatus::beyond:
      return j.hard ? style.red(text) : style.yellow(text);
    case BudgetStatus::straddles:
      return style.yellow(text);
    case BudgetStatus::inside:
      return style.green(text);
    case BudgetStatus::not_measured:
      break;
  }
  return text;
}

}  // namespace

nlohmann::json budgets_json(const std::vector<BudgetJudgment>& judgments) {
  nlohmann::json list = nlohmann::json::array();
  for (const BudgetJudgment& j : judgments) {
    nlohmann::json item = {{"benchmark", j.benchmark},
                           {"metric", store::to_string(j.metric)},
                           {"counter", j.counter},
                           {"to", j.to},
                           {"limit", j.limit},
                           {"hard", j.hard},
                           {"status", analysis::to_string(j.status)},
                           {"fails", j.fails()}};
    item["value"] = j.value ? nlohmann::json(*j.value) : nlohmann::json();
    item["interval"] =
        j.interval ? nlohmann::json{j.interval->low, j.interval->high} : nlohmann::json();
    list.push_back(std::move(item));
  }
  return list;
}

std::string render_budgets(const std::vector<BudgetJudgment>& judgments, Format format,
                           const Style& style) {
  if (judgments.empty())
    return {};
  if (format == Format::json)
    return budgets_json(judgments).dump(2) + "\n";
  auto number = [](const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : std::string();
  };
  Table table;
  table.columns = {Column("Benchmark", "benchmark", util::TextTable::Align::left, true),
                   Column("", "metric"),
                   Column("", "limit"),
                   Column("", "hard"),
                   Column("Budget", ""),
                   Column("Current [interval]", "value"),
                   Column("", "interval_low"),
                   Column("", "interval_high"),
                   Column("Status", "status")};
  table.columns[5].markdown_title = "Current";
  for (const BudgetJudgment& j : judgments) {
    table.add(
        {j.benchmark, csv_only(store::to_string(j.metric)), csv_only(fmt::format("{}", j.limit)),
         csv_only(fmt::format("{}", j.hard)), budget_text(j),
         Cell(current_text(j), {}, number(j.value)),
         csv_only(j.interval ? fmt::format("{}", j.interval->low) : ""),
         csv_only(j.interval ? fmt::format("{}", j.interval->high) : ""),
         Cell(status_text(j, style), status_text(j, Style{}), analysis::to_string(j.status))});
  }
  return render(table, format);
}

}  // namespace benchctl::report
