#include "report/complexity_report.h"

#include <fmt/format.h>

#include "report/table.h"
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
  Table table;
  table.columns = {Column("Family", "family", kLeft, true), Column("Sizes (median)", "sizes"),
                   Column("Fit", "model"), Column("", "coefficient"),
                   Column("RMS", "rms", util::TextTable::Align::right)};
  for (const auto& fit : fits) {
    table.add({fit.family, sizes_text(fit), fit.model, csv_only(fmt::format("{}", fit.coefficient)),
               Cell(util::format_percent(fit.rms), {}, fmt::format("{}", fit.rms))});
  }
  return render(table, format);
}

}  // namespace benchctl::report
