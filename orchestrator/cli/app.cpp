#include "cli/app.h"

#include <benchctl/plugin_abi.h>
#include <sqlite3.h>

#include <fmt/format.h>
#include <cstring>
#include <iostream>
#include <map>

#include "cli/exit_codes.h"
#include "cli/verbs.h"
#include "util/error.h"

namespace benchctl::cli {
namespace {

constexpr const char* kHelp =
    R"(benchctl: runs YAML suites of plugin benchmarks in isolated worker processes,
stores every sample in SQLite, and compares runs and baselines with statistics.

usage: benchctl VERB [options]      (benchctl VERB --help for a verb's options)

verbs:
  run SUITE                  measure a suite and store the run (--filter, --plugin, --label,
                             --save-baseline NAME, --baseline NAME)
  validate SUITE             check a suite without running anything
  list plugins|benchmarks    what the plugin path provides (--plugin NAME)
  runs                       the stored runs, newest first
  show RUN|latest            the summary and budgets of a stored run
  compare BASELINE [CURRENT] verdicts benchmark by benchmark (default CURRENT: the latest run)
  stability RUN RUN... | --last N
                             each benchmark's median per run, mean, stddev, CV, assessment
  export RUN --format gbench  Google Benchmark JSON that tools/compare.py reads
  import FILE.json           store a Google Benchmark JSON output as a run
  baseline save|list|show|delete NAME
                             names bound to runs, one per project phase

output (run, show, compare, baseline show):
  --format table|markdown|json|csv   --junit FILE   --fail-on GATES

options:
  --version        print the version and exit
  --help           print this help and exit

environment:
  BENCHCTL_DB           the database (default results/benchctl.db)
  BENCHCTL_PLUGIN_PATH  colon-separated plugin files and directories
  NO_COLOR              no colour in terminal tables

exit codes:
  0 ok   1 a regression or a hard budget failed   2 usage or input error
  3 a benchmark failed to run   4 storage error   5 internal error   130 interrupted
)";

void print_version() {
  std::cout << fmt::format("benchctl {} (plugin ABI {}.{}, Google Benchmark {}, SQLite {})\n",
                           BENCHCTL_VERSION, BENCHCTL_ABI_MAJOR, BENCHCTL_ABI_MINOR,
                           BENCHCTL_GBENCH_VERSION, sqlite3_libversion());
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kHelp;
    return kExitUsage;
  }
  const std::string verb = argv[1];
  if (verb == "--version" || verb == "-V") {
    print_version();
    return kExitOk;
  }
  if (verb == "--help" || verb == "-h" || verb == "help") {
    std::cout << kHelp;
    return kExitOk;
  }
  static const std::map<std::string, int (*)(const Args&)> verbs = {
      {"run", run_verb},         {"validate", validate_verb},   {"list", list_verb},
      {"runs", runs_verb},       {"show", show_verb},           {"baseline", baseline_verb},
      {"compare", compare_verb}, {"stability", stability_verb}, {"export", export_verb},
      {"import", import_verb},   {"worker", worker_verb},
  };
  const auto found = verbs.find(verb);
  if (found == verbs.end()) {
    throw UsageError(
        fmt::format("unknown verb '{}', expected one of: run, validate, list, runs, show, compare, "
                    "baseline, stability, export, import "
                    "(see benchctl --help)",
                    verb));
  }
  return found->second(Args(argv + 2, argv + argc));
}

}  // namespace

int main_entry(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "benchctl: " << e.what() << "\n";
    return kExitUsage;
  } catch (const InputError& e) {
    std::cerr << "benchctl: " << e.what() << "\n";
    return kExitUsage;
  } catch (const StorageError& e) {
    std::cerr << "benchctl: storage error: " << e.what() << "\n";
    return kExitStorage;
  } catch (const Interrupted&) {
    std::cerr << "benchctl: interrupted; the run is stored as interrupted\n";
    return kExitInterrupted;
  } catch (const std::exception& e) {
    std::cerr << "benchctl: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace benchctl::cli
