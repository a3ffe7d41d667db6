// The command line's contract: version, help, verbs, and one clear line with exit 2 for every
// bad argument or suite, with nothing written.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

TEST(Cli, PrintsItsVersion) {
  TempDirectory dir;
  const CliResult result = run_benchctl({"--version"}, dir.path());
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(result.out.starts_with("benchctl 0.1.0 (plugin ABI 1.2, Google Benchmark "))
      << result.out;
  EXPECT_EQ(result.err, "");
}

TEST(Cli, HelpListsTheVerbsAndExitCodes) {
  TempDirectory dir;
  const CliResult result = run_benchctl({"--help"}, dir.path());
  EXPECT_EQ(result.exit_code, 0);
  for (const char* word :
       {"run SUITE", "validate SUITE", "list plugins", "runs", "show RUN", "exit codes"}) {
    EXPECT_NE(result.out.find(word), std::string::npos) << word;
  }
  const CliResult verb_help = run_benchctl({"run", "--help"}, dir.path());
  EXPECT_EQ(verb_help.exit_code, 0);
  EXPECT_NE(verb_help.out.find("--filter"), std::string::npos);
}

// The usage line of each verb is made from its options: every option its help lists is in it.
TEST(Cli, EachVerbsUsageLineListsEveryOptionItTakes) {
  TempDirectory dir;
  for (const char* verb :
       {"run",      "validate",  "list",      "runs",    "show",   "compare", "ab",
        "profile",  "calibrate", "doctor",    "history", "alerts", "bisect",  "ci",
        "maintain", "push",      "stability", "export",  "import", "baseline"}) {
    const CliResult help = run_benchctl({verb, "--help"}, dir.path());
    ASSERT_EQ(help.exit_code, 0) << verb << ": " << help.err;
    const std::size_t options_start = help.out.find("\n\n");
    ASSERT_NE(options_start, std::string::npos) << help.out;
    const std::string usage = help.out.substr(0, options_start);
    EXPECT_TRUE(usage.starts_with(std::string("usage: benchctl ") + verb)) << usage;
    std::size_t listed = 0;
    for (const std::string& line : lines_of(help.out.substr(options_start))) {
      const std::size_t dash = line.find("  --");
      if (dash != 0 || line.find("--help") != std::string::npos)
        continue;
      const std::string option = line.substr(2, line.find(' ', 2) - 2);
      EXPECT_NE(usage.find(option), std::string::npos) << verb << ": " << option << " in " << usage;
      ++listed;
    }
    EXPECT_GT(listed, 0u) << verb << ": " << help.out;
  }
}

struct BadInvocation {
  std::vector<std::string> args;
  std::string expected_error;
};

TEST(Cli, BadArgumentsGetOneLineAndExit2) {
  TempDirectory dir;
  const BadInvocation cases[] = {
      {{}, "usage: benchctl VERB"},
      {{"frobnicate"},
       "benchctl: unknown verb 'frobnicate', expected one of: run, validate, list, runs, show"},
      {{"run"}, "benchctl: run: the option '--suite' is required but missing"},
      {{"run", "a.yaml", "--bogus"}, "benchctl: run: unrecognised option '--bogus'"},
      {{"list", "things"},
       "benchctl: list: 'things' is not something to list, expected 'plugins', 'benchmarks' or "
       "'operations'"},
      {{"runs", "--limit", "0"}, "benchctl: runs: --limit must be at least 1"},
      {{"runs", "--limit", "many"},
       "benchctl: runs: the argument ('many') for option '--limit' is invalid"},
      {{"show", "yesterday", "--db", (dir / "x.db").string()}, ""},
      {{"run", "missing.yaml"},
       "benchctl: missing.yaml: cannot read the suite file: No such file or directory"},
  };
  for (const auto& [args, expected] : cases) {
    const CliResult result = run_benchctl(args, dir.path());
    EXPECT_EQ(result.exit_code, 2) << args.size();
    if (!args.empty()) {
      EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
    }
    EXPECT_NE(result.err.find(expected), std::string::npos)
        << "expected '" << expected << "' in: " << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "results")) << "nothing is written for bad arguments";
}

TEST(Cli, ReadingVerbsOnAMissingDatabaseSaySo) {
  TempDirectory dir;
  const CliResult result = run_benchctl({"runs", "--db", (dir / "none.db").string()}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("none.db: no database here yet"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST(Cli, InvalidSuitesAreRefusedWithTheirPositionAndNothingIsWritten) {
  TempDirectory dir;
  const std::pair<std::string, std::string> cases[] = {
      {"suite: t\nplugins: [tools]\nbenchmarks:\n  - name: tools/uuid/v4\n    budjets: {p95: "
       "1ms}\n",
       "bad.yaml:5:5: unknown key 'budjets' in benchmark entry"},
      {"suite: t\nplugins: [tools]\nbenchmarks:\n  - name: tools/uuid/v4\n    budgets: {p95: 1ms, "
       "p95: 2ms}\n",
       "bad.yaml:5:25: duplicate key 'p95' in budgets"},
      {"suite: t\nplugins: [tools]\ndefaults: {min_time: 10}\nbenchmarks: [tools/uuid/v4]\n",
       "bad.yaml:3:22: 'min_time' is '10', expected a duration with a unit"},
      {"suite: t\nplugins: [tools, nope]\nbenchmarks: [tools/uuid/v4]\n",
       "bad.yaml:2:18: unknown plugin 'nope', expected one of: calibration, "},
      {"suite: t\nplugins: [tools]\nbenchmarks: ['tools/nothing/*']\n",
       "bad.yaml:3:14: pattern 'tools/nothing/*' matches none of plugin 'tools''s 14 benchmarks"},
      {"suite: t\nplugins: [tools]\ndefaults: {processes: 0}\nbenchmarks: [tools/uuid/v4]\n",
       "bad.yaml:3:23: 'processes' is '0', expected a whole number of at least 1"},
      {"suite: t\nplugins: [tools]\ndefaults: {repetitions: -1}\nbenchmarks: [tools/uuid/v4]\n",
       "bad.yaml:3:25: 'repetitions' is '-1', expected a whole number of at least 1"},
  };
  for (const auto& [text, expected] : cases) {
    dir.write("bad.yaml", text);
    for (const char* verb : {"validate", "run"}) {
      const CliResult result = run_benchctl({verb, "bad.yaml"}, dir.path());
      EXPECT_EQ(result.exit_code, 2) << verb << ": " << text;
      ASSERT_EQ(lines_of(result.err).size(), 1u) << result.err;
      EXPECT_NE(result.err.find("benchctl: " + expected), std::string::npos) << result.err;
    }
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "results"));
}

TEST(Cli, ValidateSummarisesAGoodSuite) {
  TempDirectory dir;
  const CliResult result =
      run_benchctl({"validate", (source_dir() / "suites/tools.yaml").string()}, dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(": ok, suite 'tools': 14 plugin benchmarks, 0 commands, 0 file sizes"),
            std::string::npos)
      << result.out;
}

TEST(Cli, EverySuiteOfTheRepositoryValidates) {
  TempDirectory dir;
  int suites = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "suites")) {
    if (entry.path().extension() != ".yaml")
      continue;
    ++suites;
    const CliResult result = run_benchctl({"validate", entry.path().string()}, dir.path());
    EXPECT_EQ(result.exit_code, 0) << entry.path() << ": " << result.err;
  }
  EXPECT_GE(suites, 10);
  const CliResult load =
      run_benchctl({"validate", (source_dir() / "suites/load.yaml").string()}, dir.path());
  EXPECT_NE(load.out.find(", 3 load tests"), std::string::npos) << load.out;
}

TEST(Cli, AFilterThatSelectsNothingIsAUsageError) {
  TempDirectory dir;
  const CliResult result = run_benchctl(
      {"run", (source_dir() / "suites/smoke.yaml").string(), "--filter", "^nothing$"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--filter '^nothing$' selects none of the suite's 5 benchmarks"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace benchctl::testing
