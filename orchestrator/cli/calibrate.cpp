// benchctl calibrate SUITE: identical runs of a suite, to learn how far this machine's runs drift
// apart, and what a comparison can see here.
#include <fmt/format.h>
#include <iostream>

#include "analysis/calibration.h"
#include "analysis/stored_comparison.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/calibration_report.h"
#include "util/error.h"
#include "util/subprocess.h"
#include "workflow/measuring.h"

namespace benchctl::cli {

int calibrate_verb(const Args& args) {
  CommonOptions common;
  std::string suite_file, filter, plugin;
  OutputOptions output;
  int runs = 5;
  po::options_description options("calibrate options");
  options.add_options()("suite", po::value(&suite_file)->required(), "the suite file")(
      "runs", po::value(&runs)->value_name("N"), "identical runs to measure (default 5)")(
      "filter", po::value(&filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "plugin", po::value(&plugin)->value_name("NAME"), "only this plugin's benchmarks");
  add_output_options(options, output, false);
  add_db_option(options, common);
  add_plugin_path_option(options, common);
  po::variables_map values;
  if (!parse_arguments("calibrate", "SUITE", args, options, {{"suite", 1}}, values))
    return kExitOk;
  const report::Format format = output.parsed_format();
  if (runs < 2 || runs > 1000)
    throw UsageError(fmt::format("calibrate --runs {}: expected 2 to 1000 runs", runs));

  suite::ResolvedSuite resolved = load_and_resolve(suite_file, common);
  suite::select_jobs(resolved, filter.empty() ? std::nullopt : std::optional(filter),
                     plugin.empty() ? std::nullopt : std::optional(plugin));
  apply_affinity_option(resolved, "");
  auto store = open_store_for_writing(common);
  util::install_interrupt_handlers();

  std::vector<store::RunRecord> measured;
  int failed = 0;
  for (int run = 1; run <= runs; ++run) {
    std::cerr << fmt::format("calibrate: run {} of {}\n", run, runs);
    const runner::RunOutcome outcome =
        workflow::measure_suite(resolved, *store, database_path(common).string(),
                                {fmt::format("calibrate {}/{}", run, runs), {}, {}, {}});
    failed += outcome.failed;
    measured.push_back(store->load_run(outcome.run_id));
  }
  // Consecutive runs: the drift from one run to the next.
  const analysis::NoiseModel noise =
      analysis::noise_for(*store, {measured.back()}, measured.back().id, {});
  deliver_report(report::render_calibration(analysis::calibrate(measured, noise), format),
                 output.output, false, database_path(common), "");
  return failed > 0 ? kExitBenchmarkFailed : kExitOk;
}

}  // namespace benchctl::cli
