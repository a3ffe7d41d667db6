#include "report/stability_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

std::string quantity(double value, const std::string& unit) {
  return unit == "size" ? util::format_size(value) : util::format_duration(value);
}

Table stability_table(const analysis::Stability& stability) {
  auto number = [](double v) { return fmt::format("{}", v); };
  Table table;
  table.columns.emplace_back("Benchmark", "name");
  for (const auto id : stability.run_ids)
    table.columns.emplace_back(fmt::format("Run {}", id), fmt::format("run_{}", id), kRight);
  table.columns.emplace_back("Mean", "mean", kRight);
  table.columns.emplace_back("StdDev", "stddev", kRight);
  table.columns.emplace_back("CV", "cv", kRight);
  table.columns.emplace_back("Assessment", "assessment");
  for (const auto& row : stability.rows) {
    std::vector<Cell> cells = {row.name};
    for (const auto& median : row.medians) {
      cells.emplace_back(median ? quantity(*median, row.unit) : "-", std::nullopt,
                         median ? number(*median) : "");
    }
    cells.emplace_back(quantity(row.mean, row.unit), std::nullopt, number(row.mean));
    cells.emplace_back(quantity(row.stddev, row.unit), std::nullopt, number(row.stddev));
    cells.emplace_back(util::format_percent(row.cv), std::nullopt, number(row.cv));
    cells.emplace_back(analysis::to_string(row.assessment));
    table.add(std::move(cells));
  }
  return table;
}

}  // namespace

std::string render_stability(const analysis::Stability& stability, Format format) {
  if (format == Format::json) {
    nlohmann::json json = {{"schema", "benchctl.stability/1"}, {"runs", stability.run_ids}};
    json["benchmarks"] = nlohmann::json::array();
    for (const auto& row : stability.rows) {
      nlohmann::json medians = nlohmann::json::array();
      for (const auto& median : row.medians)
        medians.push_back(median ? nlohmann::json(*median) : nlohmann::json());
      json["benchmarks"].push_back({{"name", row.name},
                                    {"unit", row.unit == "size" ? "bytes" : "seconds"},
                                    {"medians", medians},
                                    {"mean", row.mean},
                                    {"stddev", row.stddev},
                                    {"cv", row.cv},
                                    {"assessment", analysis::to_string(row.assessment)}});
    }
    return json.dump(2) + "\n";
  }
  return render(stability_table(stability), format);
}

}  // namespace benchctl::report
