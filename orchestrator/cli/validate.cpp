// benchctl validate SUITE: every check `run` makes before it measures anything.
#include <fmt/format.h>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"

namespace benchctl::cli {

int validate_verb(const Args& args) {
  CommonOptions common;
  std::string suite_file;
  po::options_description options("validate options");
  options.add_options()("suite", po::value(&suite_file)->required(), "the suite file");
  add_plugin_path_option(options, common);
  po::variables_map values;
  if (!parse_arguments("validate", "SUITE", args, options, {{"suite", 1}}, values))
    return kExitOk;

  suite::ResolvedSuite resolved = load_and_resolve(suite_file, common);
  apply_measure_options(resolved, "", false);
  apply_affinity_option(resolved, "");
  int benchmarks = 0, commands = 0, files = 0, loads = 0;
  for (const suite::Job& job : resolved.jobs) {
    benchmarks += job.kind == suite::EntryKind::benchmark ? 1 : 0;
    commands += job.kind == suite::EntryKind::command ? 1 : 0;
    files += job.kind == suite::EntryKind::file_size ? 1 : 0;
    loads += job.kind == suite::EntryKind::load ? 1 : 0;
  }
  std::cout << fmt::format(
      "{}: ok, suite '{}': {} plugin benchmarks, {} commands, {} file sizes{}\n", suite_file,
      resolved.suite.name, benchmarks, commands, files,
      loads > 0 ? fmt::format(", {} load tests", loads) : "");
  return kExitOk;
}

}  // namespace benchctl::cli
