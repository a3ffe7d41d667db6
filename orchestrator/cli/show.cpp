// benchctl show RUN|latest: the summary table of a stored run; with --seconds, the per-second
// series of its load tests.
#include <fmt/format.h>
#include <algorithm>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/load_report.h"
#include "util/error.h"

namespace benchctl::cli {

int show_verb(const Args& args) {
  CommonOptions common;
  ReportOptions report;
  std::string run;
  bool seconds = false;
  po::options_description options("show options");
  options.add_options()("run", po::value(&run)->required(),
                        "a run id, 'latest', a baseline or a run group (group:NAME)")(
      "seconds", po::bool_switch(&seconds),
      "the load tests' seconds (sent, completed, errors, late, backlog, latency percentiles, RSS, "
      "CPU) instead of the summary; table, markdown, csv or json");
  add_db_option(options, common);
  add_report_options(options, report);
  po::variables_map values;
  if (!parse_arguments("show", "RUN|latest|BASELINE|group:NAME", args, options, {{"run", 1}},
                       values))
    return kExitOk;
  check_report_options(report);
  if (seconds && (report.format == "html" || !report.junit.empty()))
    throw UsageError("show --seconds: expected --format table, markdown, csv or json");
  auto store = open_store_for_reading(common);
  const RunReference reference = run.starts_with("group:")
                                     ? resolve_runs(run, *store)
                                     : RunReference{{resolve_run(run, *store)}, "", ""};
  const store::RunRecord stored = load_as_one_run(reference, *store);
  const analysis::AnalysedRun analysed = analysis::analyse_run(stored);
  if (seconds) {
    if (std::none_of(stored.results.begin(), stored.results.end(),
                     [](const auto& result) { return result.kind == store::ResultKind::load; }))
      throw InputError(
          fmt::format("run {} has no load test: --seconds shows load tests' seconds", stored.id));
    deliver_report(report::render_load_seconds(analysed, report::parse_format(report.format)),
                   report.output, false, database_path(common), "");
    return kExitOk;
  }
  const int exit = emit_report(&analysed, nullptr, report, database_path(common));
  return reference.incomplete.empty() ? exit : std::max(exit, int{kExitBenchmarkFailed});
}

}  // namespace benchctl::cli
