// benchctl export RUN --format gbench / benchctl import FILE.json: Google Benchmark's JSON, both
// ways.
#include <fmt/format.h>
#include <filesystem>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "interchange/gbench_json.h"
#include "report/junit.h"
#include "util/error.h"

namespace benchctl::cli {

int export_verb(const Args& args) {
  CommonOptions common;
  std::string run, format, output;
  po::options_description options("export options");
  options.add_options()("run", po::value(&run)->required(), "a run id, 'latest' or a baseline")(
      "format", po::value(&format)->required()->value_name("gbench"),
      "gbench: Google Benchmark JSON")("output,o", po::value(&output)->value_name("FILE"),
                                       "write to FILE instead of stdout");
  add_db_option(options, common);
  po::variables_map values;
  if (!parse_arguments("export", "RUN", args, options, {{"run", 1}}, values))
    return kExitOk;
  if (format != "gbench")
    throw UsageError(
        fmt::format("export: --format '{}' is not supported, expected gbench", format));
  auto store = open_store_for_reading(common);
  const std::string text =
      interchange::export_gbench(store->load_run(resolve_run(run, *store))).dump(2) + "\n";
  if (output.empty()) {
    std::cout << text;
  } else {
    report::write_file(output, text);
  }
  return kExitOk;
}

int import_verb(const Args& args) {
  CommonOptions common;
  std::vector<std::string> files;
  std::string suite, label;
  po::options_description options("import options");
  options.add_options()("files", po::value(&files)->multitoken()->required(),
                        "Google Benchmark JSON outputs; each becomes one process of the run")(
      "suite", po::value(&suite)->value_name("NAME"),
      "the suite name to store (default: the first file's stem)")(
      "label", po::value(&label)->value_name("TEXT"), "a label stored with the run");
  add_db_option(options, common);
  po::variables_map values;
  if (!parse_arguments("import", "FILE.json [FILE.json...]", args, options, {{"files", -1}},
                       values))
    return kExitOk;
  std::vector<interchange::GbenchOutput> outputs;
  for (const std::string& file : files) {
    outputs.push_back(interchange::parse_gbench_output(
        file, read_input_file(file, "a Google Benchmark JSON file")));
  }
  interchange::ImportOptions import;
  import.suite_name = suite.empty() ? std::filesystem::path(files.front()).stem().string() : suite;
  import.label = label;
  const interchange::ImportedRun imported = interchange::read_gbench(outputs, import);
  auto store = open_store_for_writing(common);
  const std::int64_t run_id = interchange::store_imported(imported, *store);
  std::cout << fmt::format("Imported {} file{} as run {} in {}\n", files.size(),
                           files.size() == 1 ? "" : "s", run_id, database_path(common).string());
  return kExitOk;
}

}  // namespace benchctl::cli
