#include "report/complexity_report.h"

#include <fmt/format.h>

#include "util/text_table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

std::string sizes_text(const analysis::ComplexityFit& fit) {
  std::string sizes;
  for (const auto& [n, seconds] : fit.points) {
    sizes +=
        fmt::format("{}{:g}: {}", sizes.empty() ? "" : ", ", n, util::format_duration(seconds));
  }
  return sizes;
}

}  // namespace

nlohmann::json complexity_json(const std::vector<analysis::ComplexityFit>& fits) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& fit : fits) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& [n, seconds] : fit.points)
      points.push_back({{"n", n}, {"median_seconds", seconds}});
    list.push_back({{"family", fit.family},
                    {"model", fit.model},
                    {"coefficient", fit.coefficient},
                    {"rms", fit.rms},
                    {"points", points}});
  }
  return list;
}

std::string render_complexity(const std::vector<analysis::ComplexityFit>& fits, Format format) {
  if (fits.empty())
    return {};
  if (format == Format::json)
    return complexity_json(fits).dump(2) + "\n";
  if (format == Format::markdown) {
    std::string out = "| Family | Sizes (median) | Fit | RMS |\n|---|---|---|---:|\n";
    for (const auto& fit : fits) {
      out += fmt::format("| `{}` | {} | {} | {} |\n", markdown_cell(fit.family), sizes_text(fit),
                         fit.model, util::format_percent(fit.rms));
    }
    return out;
  }
  util::TextTable table({"Family", "Sizes (median)", "Fit", "RMS"},
                        {util::TextTable::Align::left, util::TextTable::Align::left,
                         util::TextTable::Align::left, util::TextTable::Align::right});
  for (const auto& fit : fits)
    table.add_row({fit.family, sizes_text(fit), fit.model, util::format_percent(fit.rms)});
  return table.render();
}

}  // namespace benchctl::report
