#include "cli/app.h"

#include <benchctl/plugin_abi.h>
#include <sqlite3.h>

#include <fmt/format.h>
#include <algorithm>
#include <cstring>
#include <iostream>
#include <string_view>
#include <vector>

#include "cli/exit_codes.h"
#include "cli/verbs.h"
#include "util/error.h"

namespace benchctl::cli {
namespace {

// One table of verbs drives dispatch, the help text and the suggestion for a mistyped verb.
struct Verb {
  std::string_view name;
  std::string_view synopsis;  // what follows "benchctl" in the help
  std::string_view summary;   // continuation lines start with '\n'
  int (*function)(const Args&);
  bool hidden = false;
};

constexpr Verb kVerbs[] = {
    {"run", "run SUITE",
     "measure a suite and store the run (--filter, --plugin, --label,\n--save-baseline NAME, "
     "--baseline NAME)",
     run_verb},
    {"validate", "validate SUITE", "check a suite without running anything", validate_verb},
    {"list", "list plugins|benchmarks|operations", "what the plugin path provides (--plugin NAME)",
     list_verb},
    {"runs", "runs", "the stored runs, newest first", runs_verb},
    {"show", "show RUN|latest", "the summary and budgets of a stored run", show_verb},
    {"compare", "compare BASELINE [CURRENT]",
     "verdicts benchmark by benchmark (default CURRENT: the latest run;\neach side a run, "
     "runs 1,2,3 or a baseline)",
     compare_verb},
    {"ab", "ab SUITE --a DIR --b DIR",
     "two builds' plugins side by side, processes alternating in pairs;\nverdicts on the pairs "
     "(--pairs N|auto)",
     ab_verb},
    {"profile", "profile SUITE|RUN",
     "where a benchmark's loop spends its time, as flame graphs; --against BUILD: where it "
     "spends more",
     profile_verb},
    {"calibrate", "calibrate SUITE",
     "identical runs (--runs N): how far this machine's runs drift,\nwhat a comparison can see",
     calibrate_verb},
    {"doctor", "doctor",
     "what makes this machine's timings noisy, one check each, and what to do;\nexit 1 when one "
     "warns (--tune, --reset: apply and undo the fixes, root)",
     doctor_verb},
    {"history", "history [--suite NAME]",
     "each benchmark's series of runs on one machine, and its change points\n(--last N, --since "
     "DATE, --machine HOST, --filter REGEX)",
     history_verb},
    {"alerts", "alerts list|show|set|scan",
     "change points grouped per commit range, with states (new, acknowledged,\ninvestigating, "
     "fixed, accepted, invalid); scan --suite NAME finds them",
     alerts_verb},
    {"bisect", "bisect GOOD BAD --build CMD --plugins DIR",
     "the first commit at which a benchmark moved: builds in git worktrees,\ncounts instructions, "
     "confirms by A/B (GOOD, BAD: runs or commits; --alert ID)",
     bisect_verb},
    {"ci", "ci SUITE --base REF",
     "a pull request: HEAD against its merge-base with REF (stored, or built in a\nworktree: "
     "--build CMD --plugins DIR), settled by pairs; comment, annotations",
     ci_verb},
    {"maintain", "maintain",
     "keep the database healthy: WAL checkpoint, planner statistics,\noptionally "
     "--retain-samples DAYS (runs keep their medians) and --vacuum",
     maintain_verb},
    {"push", "push --to URL",
     "copy finished runs into a fleet's database, each once (--db LOCAL,\n--since RUN)", push_verb},
    {"submit", "submit SUITE --slurm --nodes N",
     "a suite in N shards on a Slurm cluster, an exclusive node each, as one run\ngroup "
     "(show group:NAME); or -- ab|bisect ... on one node (--nodelist)",
     submit_verb},
    {"stability", "stability RUN RUN... | --last N",
     "each benchmark's median per run, mean, stddev, CV, assessment", stability_verb},
    {"export", "export RUN --format gbench", "Google Benchmark JSON that tools/compare.py reads",
     export_verb},
    {"import", "import FILE.json", "store a Google Benchmark JSON output as a run", import_verb},
    {"baseline", "baseline save|list|show|delete NAME",
     "names bound to runs, one per project phase (--runs, --last N)", baseline_verb},
    {"worker", "worker", "what benchctl execs to run plugin code", worker_verb, true},
};

constexpr const char* kHelpHead =
    R"(benchctl: runs YAML suites of plugin benchmarks in isolated worker processes,
stores every sample in SQLite (or a fleet's PostgreSQL), and compares runs and baselines with
statistics.

usage: benchctl VERB [options]      (benchctl VERB --help for a verb's options)

verbs:
)";

constexpr const char* kHelpTail = R"(
output (run, show, compare, ab, ci, baseline show):
  --format table|markdown|json|csv|html   --output FILE   --junit FILE   --fail-on GATES

options:
  --version        print the version and exit
  --help           print this help and exit

environment:
  BENCHCTL_DB             the database (default results/benchctl.db)
  BENCHCTL_PLUGIN_PATH    colon-separated plugin files and directories
  BENCHCTL_MACHINE_CLASS  the machine class runs join the series of (default: host and CPU)
  NO_COLOR                no colour in terminal tables

exit codes:
  0 ok   1 a regression or a hard budget failed   2 usage or input error
  3 a benchmark failed to run   4 storage error   5 internal error
  6 incomplete installation (a helper or module is missing)   130 interrupted
)";

std::string help_text() {
  std::string text = kHelpHead;
  for (const Verb& verb : kVerbs) {
    if (verb.hidden)
      continue;
    std::string summary(verb.summary);
    for (std::size_t at = 0; (at = summary.find('\n', at)) != std::string::npos; at += 30)
      summary.replace(at, 1, "\n" + std::string(29, ' '));
    if (verb.synopsis.size() > 26) {
      text += fmt::format("  {}\n{:29}{}\n", verb.synopsis, "", summary);
    } else {
      text += fmt::format("  {:<26} {}\n", verb.synopsis, summary);
    }
  }
  return text + kHelpTail;
}

// Edits (insertions, deletions, substitutions) that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_verb_message(const std::string& verb) {
  std::string names;
  const Verb* closest = nullptr;
  std::size_t best = 3;  // suggest only a verb within two edits, or one the text starts
  for (const Verb& candidate : kVerbs) {
    if (candidate.hidden)
      continue;
    names += (names.empty() ? "" : ", ") + std::string(candidate.name);
    const std::size_t distance =
        candidate.name.starts_with(verb) && !verb.empty() ? 0 : edit_distance(verb, candidate.name);
    if (distance < best) {
      best = distance;
      closest = &candidate;
    }
  }
  if (closest != nullptr) {
    return fmt::format("unknown verb '{}': did you mean '{}'? (verbs: {}; see benchctl --help)",
                       verb, closest->name, names);
  }
  return fmt::format("unknown verb '{}', expected one of: {} (see benchctl --help)", verb, names);
}

void print_version() {
  std::cout << fmt::format("benchctl {} (plugin ABI {}.{}, Google Benchmark {}, SQLite {})\n",
                           BENCHCTL_VERSION, BENCHCTL_ABI_MAJOR, BENCHCTL_ABI_MINOR,
                           BENCHCTL_GBENCH_VERSION, sqlite3_libversion());
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << help_text();
    return kExitUsage;
  }
  const std::string verb = argv[1];
  if (verb == "--version" || verb == "-V") {
    print_version();
    return kExitOk;
  }
  if (verb == "--help" || verb == "-h" || verb == "help") {
    std::cout << help_text();
    return kExitOk;
  }
  for (const Verb& candidate : kVerbs) {
    if (candidate.name == verb)
      return candidate.function(Args(argv + 2, argv + argc));
  }
  throw UsageError(unknown_verb_message(verb));
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
  } catch (const InstallationError& e) {
    std::cerr << "benchctl: incomplete installation: " << e.what() << "\n";
    return kExitInstallation;
  } catch (const Interrupted&) {
    std::cerr << "benchctl: interrupted; the run is stored as interrupted\n";
    return kExitInterrupted;
  } catch (const std::exception& e) {
    std::cerr << "benchctl: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace benchctl::cli
