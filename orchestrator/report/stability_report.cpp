#include "report/stability_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/text_table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

std::string quantity(double value, const std::string& unit) {
  return unit == "size" ? util::format_size(value) : util::format_duration(value);
}

std::vector<std::string> cells(const analysis::StabilityRow& row) {
  std::vector<std::string> out = {row.name};
  for (const auto& median : row.medians)
    out.push_back(median ? quantity(*median, row.unit) : "-");
  out.push_back(quantity(row.mean, row.unit));
  out.push_back(quantity(row.stddev, row.unit));
  out.push_back(util::format_percent(row.cv));
  out.push_back(analysis::to_string(row.assessment));
  return out;
}

std::vector<std::string> headers(const analysis::Stability& stability) {
  std::vector<std::string> out = {"Benchmark"};
  for (const auto id : stability.run_ids)
    out.push_back(fmt::format("Run {}", id));
  for (const char* h : {"Mean", "StdDev", "CV", "Assessment"})
    out.emplace_back(h);
  return out;
}

}  // namespace

std::string render_stability(const analysis::Stability& stability, Format format) {
  switch (format) {
    case Format::json: {
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
    case Format::csv: {
      std::string out = "name";
      for (const auto id : stability.run_ids)
        out += fmt::format(",run_{}", id);
      out += ",mean,stddev,cv,assessment\n";
      for (const auto& row : stability.rows) {
        out += csv_field(row.name);
        for (const auto& median : row.medians)
          out += "," + (median ? fmt::format("{}", *median) : std::string());
        out += fmt::format(",{},{},{},{}\n", row.mean, row.stddev, row.cv,
                           analysis::to_string(row.assessment));
      }
      return out;
    }
    case Format::markdown: {
      const auto titles = headers(stability);
      std::string out = "|";
      for (const auto& title : titles)
        out += " " + title + " |";
      out += "\n|";
      for (std::size_t i = 0; i < titles.size(); ++i)
        out += i == 0 || i + 1 == titles.size() ? "---|" : "---:|";
      out += "\n";
      for (const auto& row : stability.rows) {
        out += "|";
        for (const auto& cell : cells(row))
          out += " " + markdown_cell(cell) + " |";
        out += "\n";
      }
      return out;
    }
    case Format::table:
      break;
  }
  const auto titles = headers(stability);
  std::vector<util::TextTable::Align> alignment(titles.size(), util::TextTable::Align::right);
  alignment.front() = alignment.back() = util::TextTable::Align::left;
  util::TextTable table(titles, alignment);
  for (const auto& row : stability.rows)
    table.add_row(cells(row));
  return table.render();
}

}  // namespace benchctl::report
