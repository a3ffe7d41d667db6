// benchctl stability RUN RUN... | --last N: how stable each benchmark is across runs.
#include <fmt/format.h>
#include <iostream>

#include "analysis/stability.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/format.h"
#include "report/stability_report.h"
#include "util/error.h"

namespace benchctl::cli {

int stability_verb(const Args& args) {
  CommonOptions common;
  std::vector<std::string> references;
  int last = 0;
  std::string suite;
  OutputOptions output;
  po::options_description options("stability options");
  options.add_options()("runs", po::value(&references)->multitoken(), "runs or baselines")(
      "last", po::value(&last)->value_name("N"), "the last N complete runs")(
      "suite", po::value(&suite)->value_name("NAME"), "with --last: only runs of this suite");
  add_output_options(options, output, false);
  add_db_option(options, common);
  po::variables_map values;
  if (!parse_arguments("stability", "[RUN RUN...]", args, options, {{"runs", -1}}, values))
    return kExitOk;
  const report::Format format = output.parsed_format();
  if (references.empty() == (last == 0))
    throw UsageError("stability: give two runs or more (RUN RUN...), or --last N");
  if (values.count("last") && last < 2)
    throw UsageError("stability: --last must be at least 2");
  if (!references.empty() && references.size() < 2)
    throw UsageError("stability: give at least two runs");

  auto store = open_store_for_reading(common);
  std::vector<store::RunRecord> runs;
  if (last > 0) {
    // Newest first from the store; the table reads oldest to newest.
    for (const auto& listed : store->list_runs(1000)) {
      if (listed.status != store::RunStatus::complete ||
          (!suite.empty() && listed.suite_name != suite))
        continue;
      runs.insert(runs.begin(), store->load_run(listed.id));
      if (static_cast<int>(runs.size()) == last)
        break;
    }
    if (static_cast<int>(runs.size()) < last) {
      throw InputError(fmt::format("stability: only {} complete runs{} stored, --last {} asked for",
                                   runs.size(), suite.empty() ? "" : " of suite '" + suite + "'",
                                   last));
    }
  } else {
    for (const auto& reference : references)
      runs.push_back(store->load_run(resolve_run(reference, *store)));
  }
  deliver_report(report::render_stability(analysis::analyse_stability(runs), format), output.output,
                 false, database_path(common), "");
  return kExitOk;
}

}  // namespace benchctl::cli
