// Baselines, comparisons, budgets and their exit codes, end to end, with a plugin whose cost the
// environment scales.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

class Verdicts : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("scaled.yaml",
               "suite: scaled\nplugins: [scaled]\n"
               "defaults: {processes: 10, repetitions: 2, min_time: 10ms, warmup: 5ms}\n"
               // CPU time: the tests share two cores with other tests, and time spent descheduled
               // is not the benchmark's.
               "policy: {time: cpu}\n"
               "benchmarks:\n"
               "  - name: scaled/work\n"
               "    budgets: {median: 1s, p95: {limit: 1ns, soft: true}}\n");
  }

  CliResult run(const std::vector<std::string>& extra, const std::string& scale = "1.0") {
    std::vector<std::string> args = {"run",  "scaled.yaml",   "--db",
                                     "v.db", "--plugin-path", plugins_};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_benchctl(args, dir_.path(), {"BENCHCTL_TEST_SCALE=" + scale});
  }

  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "v.db"});
    return run_benchctl(args, dir_.path());
  }

  TempDirectory dir_;
  const std::string plugins_ = test_plugin_dir("scaled").string();
};

TEST_F(Verdicts, SameCodeIsNotAChangeAndASixtyPercentSlowdownIsARegression) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  ASSERT_EQ(run({"--save-baseline", "phase1", "--label", "first"}).exit_code, 0);
  const CliResult same = run({"--baseline", "phase1"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  // Two single runs and no history: the drift between runs is the default, so identical code is
  // at most inconclusive, never a change.
  EXPECT_NE(same.out.find("❌ 0 regressions · ⚠️ 0 slower · 📈 0 improved"),
            std::string::npos)
      << same.out;
  EXPECT_NE(same.out.find("no history of these benchmarks on this machine"), std::string::npos)
      << same.out;
  // The same comparison again, gated on inconclusive verdicts too, as the stored runs alone see it.
  const CliResult stored =
      benchctl({"compare", "phase1", "2", "--fail-on", "inconclusive", "--resolve", "never"});
  EXPECT_EQ(stored.exit_code, stored.out.find("❔ inconclusive") != std::string::npos ? 1 : 0);

  // Far beyond the minimum detectable effect of two single runs with the default drift (~33%).
  // The slowdown is the environment's (BENCHCTL_TEST_SCALE), not the build's: the stored runs
  // alone are compared here (pairs of the two builds would find them identical).
  const CliResult slower = run({}, "1.6");
  EXPECT_EQ(slower.exit_code, 0) << "no --baseline: nothing to gate on";
  const CliResult compared = benchctl({"compare", "phase1", "--resolve", "never"});
  EXPECT_EQ(compared.exit_code, 1) << compared.out << compared.err;
  EXPECT_NE(compared.out.find("scaled/work"), std::string::npos);
  EXPECT_NE(compared.out.find("❌ regression"), std::string::npos) << compared.out;

  const CliResult json = benchctl({"compare", "phase1", "--format", "json", "--resolve", "never"});
  EXPECT_EQ(json.exit_code, 1);
  const auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["schema"], "benchctl.compare/2");
  EXPECT_EQ(parsed["summary"]["regression"], 1);
  const auto& work = parsed["benchmarks"][0];
  EXPECT_EQ(work["name"], "scaled/work");
  EXPECT_EQ(work["verdict"], "regression");
  EXPECT_NEAR(work["ratio"].get<double>(), 1.6, 0.3);
  EXPECT_GT(work["interval"][0].get<double>(), 1.1) << "beyond the default drift of two runs";
  EXPECT_LT(work["adjusted_p_value"].get<double>(), 0.01);
  EXPECT_EQ(work["current"]["processes"], 10);

  // Gates: a regression only fails when gated.
  EXPECT_EQ(benchctl({"compare", "phase1", "--fail-on", "none"}).exit_code, 0);
  EXPECT_EQ(benchctl({"compare", "phase1", "--fail-on", "budget"}).exit_code, 0);
  EXPECT_EQ(benchctl({"compare", "phase1", "--fail-on", "nonsense"}).exit_code, 2);
  // Two runs by id, the older one second: an improvement.
  // (The comparison after the second run settled its benchmark by pairs: runs 3 and 4 are that
  // A/B, and `latest` is the newest run that is not a side of one.)
  const CliResult reversed = benchctl({"compare", "latest", "1", "--resolve", "never"});
  EXPECT_EQ(reversed.exit_code, 0) << reversed.out;
  EXPECT_NE(reversed.out.find("📈 improved"), std::string::npos) << reversed.out;
}

TEST_F(Verdicts, SeveralRunsASideMakeOneSide) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(run({}).exit_code, 0);
  const CliResult saved = benchctl({"baseline", "save", "base", "--last", "3"});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_NE(saved.out.find("Baseline 'base' is runs 1, 2, 3"), std::string::npos) << saved.out;
  EXPECT_NE(benchctl({"baseline", "list"}).out.find("base      1, 2, 3  scaled"), std::string::npos)
      << benchctl({"baseline", "list"}).out;
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(run({}, "1.6").exit_code, 0);

  const CliResult compared =
      benchctl({"compare", "base", "4,5,6", "--format", "json", "--resolve", "never"});
  EXPECT_EQ(compared.exit_code, 1) << compared.out << compared.err;
  const auto json = nlohmann::json::parse(compared.out);
  EXPECT_EQ(json["baseline"]["runs"], nlohmann::json({1, 2, 3}));
  EXPECT_EQ(json["current"]["runs"], nlohmann::json({4, 5, 6}));
  EXPECT_EQ(json["current"]["reference"], "runs 4, 5, 6");
  const auto& work = json["benchmarks"][0];
  EXPECT_EQ(work["verdict"], "regression");
  EXPECT_EQ(work["baseline"]["runs"], 3);
  EXPECT_EQ(work["current"]["processes"], 30);

  // Bad lists and baselines: one line, exit 2, nothing stored.
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"compare", "base", "4,4"},
        {"compare", "base", "4,x"},
        {"compare", "base", "4,99"},
        {"baseline", "save", "b", "--runs", "1,99"},
        {"baseline", "save", "b", "--run", "1", "--last", "2"},
        {"baseline", "save", "b", "--last", "0"},
        {"baseline", "save", "b", "--last", "50"},
        {"baseline", "save", "b", "--suite", "scaled"}}) {
    const CliResult refused = benchctl(bad);
    EXPECT_EQ(refused.exit_code, 2) << bad[2] << " " << refused.out;
    EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  }
  EXPECT_EQ(benchctl({"baseline", "show", "b"}).exit_code, 2) << "nothing was saved";
}

TEST_F(Verdicts, CalibrateMeasuresHowFarRunsDrift) {
  const CliResult calibrated = run_benchctl({"calibrate", "scaled.yaml", "--runs", "3", "--db",
                                             "v.db", "--plugin-path", plugins_, "--format", "json"},
                                            dir_.path());
  ASSERT_EQ(calibrated.exit_code, 0) << calibrated.err;
  const auto json = nlohmann::json::parse(calibrated.out);
  EXPECT_EQ(json["schema"], "benchctl.calibration/1");
  const auto& work = json["benchmarks"][0];
  EXPECT_EQ(work["name"], "scaled/work");
  EXPECT_EQ(work["history_runs"], 3);
  EXPECT_GT(work["run_spread"].get<double>(), 0);
  EXPECT_GT(work["detectable_one_run"].get<double>(), work["detectable_three_runs"].get<double>())
      << "three runs a side see more than one";
  EXPECT_NE(benchctl({"runs"}).out.find("calibrate 3/3"), std::string::npos);
  // The calibration runs are history for the next comparison on this machine.
  ASSERT_EQ(run({}).exit_code, 0);
  const CliResult compared = benchctl({"compare", "1", "4"});
  EXPECT_EQ(compared.out.find("no history of these benchmarks"), std::string::npos) << compared.out;
  EXPECT_EQ(run_benchctl({"calibrate", "scaled.yaml", "--runs", "1", "--db", "v.db"}, dir_.path())
                .exit_code,
            2);
}

TEST_F(Verdicts, EveryOutputFormatParses) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  ASSERT_EQ(run({"--save-baseline", "base"}).exit_code, 0);
  ASSERT_EQ(run({}).exit_code, 0);

  const CliResult markdown = benchctl({"compare", "base", "--format", "markdown"});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.err;
  const auto lines = lines_of(markdown.out);
  std::size_t table_rows = 0;
  for (const std::string& line : lines) {
    if (line.starts_with("|")) {
      ++table_rows;
      EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 10) << line;
    }
  }
  EXPECT_EQ(table_rows, 3u) << markdown.out;  // header, alignment, one benchmark
  EXPECT_TRUE(markdown.out.starts_with("## benchctl: run 2 vs base")) << markdown.out;

  const CliResult csv = benchctl({"compare", "base", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0);
  const auto csv_lines = lines_of(csv.out);
  ASSERT_EQ(csv_lines.size(), 2u);
  EXPECT_EQ(std::count(csv_lines[0].begin(), csv_lines[0].end(), ','),
            std::count(csv_lines[1].begin(), csv_lines[1].end(), ','));

  const CliResult shown = benchctl({"show", "latest", "--format", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto report = nlohmann::json::parse(shown.out);
  EXPECT_EQ(report["schema"], "benchctl.report/1");
  EXPECT_EQ(report["run"]["results"][0]["processes"], 10);
  EXPECT_EQ(report["budgets"].size(), 2u);

  const CliResult shown_csv = benchctl({"show", "base", "--format", "csv"});
  ASSERT_EQ(shown_csv.exit_code, 0);
  EXPECT_TRUE(shown_csv.out.starts_with("name,kind,status,median_seconds")) << shown_csv.out;

  const CliResult junit = benchctl({"compare", "base", "--junit", (dir_ / "compare.xml").string()});
  ASSERT_EQ(junit.exit_code, 0);
  const std::string check =
      "/usr/bin/python3 -c \"import sys, xml.dom.minidom; "
      "d = xml.dom.minidom.parse(sys.argv[1]); "
      "sys.exit(0 if d.getElementsByTagName('testcase') else 1)\" '" +
      (dir_ / "compare.xml").string() + "'";
  EXPECT_EQ(std::system(check.c_str()), 0) << "JUnit XML is well-formed and has test cases";
}

TEST_F(Verdicts, BudgetsAreJudgedOnTheRunAndHardOnesGate) {
  const CliResult within = run({});
  EXPECT_EQ(within.exit_code, 0) << within.out;
  EXPECT_NE(within.out.find("median ≤ 1.00 s"), std::string::npos) << within.out;
  EXPECT_NE(within.out.find("✅ inside"), std::string::npos);
  EXPECT_NE(within.out.find("p95 ≤ 1.00 ns (soft)"), std::string::npos);
  EXPECT_NE(within.out.find("❌ beyond"), std::string::npos) << "a soft budget only warns";
  EXPECT_EQ(run({"--fail-on", "soft-budget"}).exit_code, 1);

  dir_.write("tight.yaml",
             "suite: tight\nplugins: [scaled]\n"
             "defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s}\n"
             "benchmarks:\n  - {name: scaled/work, budgets: {median: 1ns}}\n");
  const CliResult beyond = run_benchctl({"run", "tight.yaml", "--db", "v.db", "--plugin-path",
                                         plugins_, "--junit", (dir_ / "run.xml").string()},
                                        dir_.path());
  EXPECT_EQ(beyond.exit_code, 1) << beyond.out;
  std::ifstream xml(dir_ / "run.xml");
  std::stringstream text;
  text << xml.rdbuf();
  EXPECT_NE(text.str().find("<testcase classname=\"budget\" name=\"scaled/work median\"><failure"),
            std::string::npos)
      << text.str();
}

TEST_F(Verdicts, BaselinesAreSavedListedShownAndDeleted) {
  ASSERT_EQ(run({}).exit_code, 0);
  ASSERT_EQ(run({}).exit_code, 0);
  EXPECT_EQ(
      benchctl({"baseline", "save", "phase10-final", "--run", "1", "--note", "end of phase 10"})
          .exit_code,
      0);
  const CliResult again = benchctl({"baseline", "save", "phase10-final"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(
      again.err.find("baseline 'phase10-final' already exists (run 1); pass --force to move it"),
      std::string::npos)
      << again.err;
  EXPECT_EQ(benchctl({"baseline", "save", "phase10-final", "--force"}).exit_code, 0);

  const CliResult list = benchctl({"baseline", "list"});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("phase10-final    2  scaled"), std::string::npos) << list.out;

  const CliResult show = benchctl({"baseline", "show", "phase10-final"});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("Baseline 'phase10-final' → run 2"), std::string::npos) << show.out;

  EXPECT_EQ(run({"--save-baseline", "phase10-final"}).exit_code, 2) << "refused before running";
  EXPECT_EQ(benchctl({"runs"}).out.find("  3  "), std::string::npos) << "nothing was run";
  EXPECT_EQ(benchctl({"baseline", "save", "12"}).exit_code, 2);
  EXPECT_EQ(benchctl({"compare", "nonexistent"}).exit_code, 2);
  EXPECT_EQ(run({"--baseline", "nonexistent"}).exit_code, 2);

  EXPECT_EQ(benchctl({"baseline", "delete", "phase10-final"}).exit_code, 0);
  EXPECT_EQ(benchctl({"baseline", "delete", "phase10-final"}).exit_code, 2);
  EXPECT_NE(benchctl({"baseline", "list"}).out.find("No baselines yet"), std::string::npos);
  EXPECT_EQ(benchctl({"show", "2"}).exit_code, 0) << "deleting a baseline keeps its run";
}

TEST_F(Verdicts, BenchmarksOnOneSideOnlyAreListed) {
  ASSERT_EQ(run({"--save-baseline", "old"}).exit_code, 0);
  dir_.write("other.yaml",
             "suite: other\nplugins: [scaled]\n"
             "defaults: {processes: 2, repetitions: 1, min_time: 5ms, warmup: 0s}\n"
             "benchmarks: [scaled/steady]\n");
  ASSERT_EQ(
      run_benchctl({"run", "other.yaml", "--db", "v.db", "--plugin-path", plugins_}, dir_.path())
          .exit_code,
      0);
  const CliResult compared = benchctl({"compare", "old"});
  EXPECT_EQ(compared.exit_code, 0) << compared.out;
  EXPECT_NE(compared.out.find("only in baseline"), std::string::npos) << compared.out;
  EXPECT_NE(compared.out.find("only in current"), std::string::npos);
  EXPECT_NE(compared.out.find("⬜ 2 not compared"), std::string::npos);
}

}  // namespace
}  // namespace benchctl::testing

namespace benchctl::testing {
namespace {

TEST_F(Verdicts, ExportThenImportRoundTripsTheMedians) {
  ASSERT_EQ(run({}).exit_code, 0);
  const CliResult exported =
      benchctl({"export", "latest", "--format", "gbench", "--output", "run1.json"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto document = nlohmann::json::parse(std::ifstream(dir_ / "run1.json"));
  EXPECT_EQ(document["benchmarks"].size(), 20u) << "10 processes x 2 repetitions";
  EXPECT_EQ(document["benchmarks"][0]["run_type"], "iteration");
  EXPECT_EQ(document["benchmarks"][0]["time_unit"], "ns");

  const CliResult imported = benchctl({"import", "run1.json", "run1.json", "--label", "copy"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Imported 2 files as run 2"), std::string::npos) << imported.out;
  const auto original = nlohmann::json::parse(benchctl({"show", "1", "--format", "json"}).out);
  const auto copy = nlohmann::json::parse(benchctl({"show", "2", "--format", "json"}).out);
  const double before = original["run"]["results"][0]["time"]["median"];
  const double after = copy["run"]["results"][0]["time"]["median"];
  EXPECT_NEAR(after / before, 1.0, 1e-6);
  EXPECT_EQ(copy["run"]["results"][0]["processes"], 2) << "one process per imported file";

  dir_.write("broken.json", "{\"benchmarks\": [{\"name\": \"x\", \"run_type\": \"iteration\"}]}");
  const CliResult broken = benchctl({"import", "broken.json"});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("broken.json: benchmarks[0]:"), std::string::npos) << broken.err;
  dir_.write(
      "zero.json",
      "{\"benchmarks\": [{\"name\": \"x\", \"iterations\": 10, \"real_time\": 0, \"cpu_time\": 0, "
      "\"time_unit\": \"ns\"}]}");
  const CliResult zero = benchctl({"import", "zero.json"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(
      zero.err.find(
          "zero.json: benchmarks[0]: real_time 0 and cpu_time 0, expected a positive real_time"),
      std::string::npos)
      << zero.err;
  dir_.write("garbage.json", "{ nope");
  EXPECT_EQ(benchctl({"import", "garbage.json"}).exit_code, 2);
  // A number beyond a double (found by fuzz_gbench_import).
  dir_.write("huge.json", "{\"benchmarks\": [{\"real_time\": 1e400}]}");
  const CliResult huge = benchctl({"import", "huge.json"});
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_EQ(huge.err, "benchctl: huge.json: invalid JSON: number overflow parsing '1e400'\n");
  // Iterations that are not a whole number a 64-bit integer holds (found by fuzz_gbench_import).
  dir_.write("many.json",
             "{\"benchmarks\": [{\"name\": \"x\", \"iterations\": 340008888888888888888888888, "
             "\"real_time\": 1, \"cpu_time\": 1}]}");
  const CliResult many = benchctl({"import", "many.json"});
  EXPECT_EQ(many.exit_code, 2);
  EXPECT_EQ(many.err,
            "benchctl: many.json: benchmarks[0]: 'iterations' is 3.400088888888889e+26, expected "
            "a positive whole number\n");
  // A device would never end.
  const CliResult device = benchctl({"import", "/dev/zero"});
  EXPECT_EQ(device.exit_code, 2);
  EXPECT_EQ(device.err,
            "benchctl: /dev/zero: cannot read: not a regular file, expected a Google Benchmark "
            "JSON file\n");
  EXPECT_EQ(benchctl({"runs"}).out.find("  3  "), std::string::npos)
      << "nothing stored for bad files";
}

TEST_F(Verdicts, StabilityAcrossRuns) {
  ASSERT_EQ(run({}).exit_code, 0);
  ASSERT_EQ(run({}).exit_code, 0);
  ASSERT_EQ(run({}).exit_code, 0);
  const CliResult table = benchctl({"stability", "--last", "3"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Run 1    Run 2    Run 3"), std::string::npos) << table.out;
  const auto json =
      nlohmann::json::parse(benchctl({"stability", "1", "2", "3", "--format", "json"}).out);
  EXPECT_EQ(json["benchmarks"][0]["name"], "scaled/work");
  EXPECT_EQ(json["benchmarks"][0]["medians"].size(), 3u);
  EXPECT_LT(json["benchmarks"][0]["cv"].get<double>(), 0.5);
  const CliResult to_file =
      benchctl({"stability", "1", "2", "3", "--output", "stability.md", "--format", "markdown"});
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "") << "the report goes to the file";
  std::ifstream written(dir_ / "stability.md");
  const std::string markdown((std::istreambuf_iterator<char>(written)),
                             std::istreambuf_iterator<char>());
  EXPECT_NE(markdown.find("scaled/work"), std::string::npos) << markdown;
  EXPECT_EQ(benchctl({"stability", "1"}).exit_code, 2);
  EXPECT_EQ(benchctl({"stability", "--last", "9"}).exit_code, 2);
}

}  // namespace
}  // namespace benchctl::testing
