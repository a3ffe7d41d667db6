// benchctl doctor [--seconds S] [--tune | --reset] [--record FILE]: what makes this machine's
// timings noisy; exit 1 when a check warns. --tune and --reset change the machine (root).
#include <fmt/format.h>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/doctor_report.h"
#include "util/error.h"
#include "workflow/doctor.h"
#include "workflow/machine_tuning.h"

namespace benchctl::cli {

int doctor_verb(const Args& args) {
  std::string record;
  OutputOptions output;
  double seconds = 3;
  po::options_description options("doctor options");
  options.add_options()("seconds", po::value(&seconds)->value_name("S"),
                        "how long the load, steal and swapping are sampled (default 3)")(
      "tune",
      "apply what makes timings steadier (root): governor performance, boost off, "
      "transparent huge pages madvise")("reset", "put back what --tune changed (root)")(
      "record", po::value(&record)->value_name("FILE"),
      fmt::format("where --tune saves what it replaced and --reset reads it (default {})",
                  workflow::default_tuning_record().string())
          .c_str());
  add_output_options(options, output, false);
  po::variables_map values;
  if (!parse_arguments("doctor", "", args, options, {}, values))
    return kExitOk;
  const report::Format format = output.parsed_format();
  const bool tune = values.count("tune") > 0, reset = values.count("reset") > 0;
  if (tune && reset)
    throw UsageError("doctor: --tune and --reset, expected one of them");
  if (!(seconds > 0 && seconds <= 600)) {
    throw UsageError(
        fmt::format("doctor --seconds {}: expected more than 0 and at most 600", seconds));
  }
  if (values.count("record") && !tune && !reset)
    throw UsageError("doctor: --record goes with --tune or --reset");
  const std::filesystem::path saved =
      record.empty() ? workflow::default_tuning_record() : std::filesystem::path(record);
  if (tune || reset) {
    const auto changes = tune ? workflow::tune_machine(saved) : workflow::reset_machine(saved);
    deliver_report(report::render_tuning(changes, tune ? "tuned" : "reset", format), output.output,
                   false, "", "");
    return kExitOk;
  }
  const workflow::Examination examination = workflow::examine_machine(
      std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000)));
  deliver_report(report::render_examination(
                     examination, format,
                     output.output.empty() ? report::Style::for_stdout() : report::Style{}),
                 output.output, false, "", "");
  return examination.quiet_enough() ? kExitOk : kExitRegression;
}

}  // namespace benchctl::cli
