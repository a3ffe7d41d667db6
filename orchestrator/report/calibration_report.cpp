#include "report/calibration_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

Table calibration_table(const analysis::Calibration& calibration) {
  auto number = [](double v) { return fmt::format("{}", v); };
  Table table;
  table.columns = {Column("Benchmark", "name", util::TextTable::Align::left, true),
                   Column("History", "history_runs", kRight),
                   Column("Run to run", "run_spread", kRight),
                   Column("Process to process", "process_spread", kRight),
                   Column("MDE, 1 run a side", "detectable_one_run", kRight),
                   Column("MDE, 3 runs a side", "detectable_three_runs", kRight)};
  for (const auto& row : calibration.rows) {
    table.add(
        {row.name, std::to_string(row.history_runs),
         Cell(util::format_percent(row.run_spread), {}, number(row.run_spread)),
         Cell(util::format_percent(row.process_spread), {}, number(row.process_spread)),
         Cell(util::format_percent(row.detectable_one_run), {}, number(row.detectable_one_run)),
         row.detectable_three_runs ? Cell(util::format_percent(*row.detectable_three_runs), {},
                                          number(*row.detectable_three_runs))
                                   : Cell("-", {}, "")});
  }
  return table;
}

std::string headline(const analysis::Calibration& calibration) {
  return fmt::format(
      "Runs of identical code drift ±{} apart on this machine (over its benchmarks). MDE: the "
      "smallest change a comparison can find at the policy's alpha with 80% power.",
      util::format_percent(calibration.machine_spread));
}

}  // namespace

std::string render_calibration(const analysis::Calibration& calibration, Format format) {
  switch (format) {
    case Format::json: {
      nlohmann::json json = {{"schema", "benchctl.calibration/1"},
                             {"machine_spread", calibration.machine_spread}};
      json["benchmarks"] = nlohmann::json::array();
      for (const auto& row : calibration.rows) {
        json["benchmarks"].push_back(
            {{"name", row.name},
             {"history_runs", row.history_runs},
             {"run_spread", row.run_spread},
             {"process_spread", row.process_spread},
             {"detectable_one_run", row.detectable_one_run},
             {"detectable_three_runs", row.detectable_three_runs
                                           ? nlohmann::json(*row.detectable_three_runs)
                                           : nlohmann::json()}});
      }
      return json.dump(2) + "\n";
    }
    case Format::csv:
      return render_csv(calibration_table(calibration));
    case Format::markdown:
      return "## benchctl calibrate\n\n" + headline(calibration) + "\n\n" +
             render_markdown(calibration_table(calibration));
    case Format::table:
      break;
  }
  return headline(calibration) + "\n\n" + render_text(calibration_table(calibration));
}

}  // namespace benchctl::report
