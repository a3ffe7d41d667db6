// A real suite measured end to end and read back from the database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "cli_harness.h"
#include "store/store.h"

namespace benchctl::testing {
namespace {

const std::string kSmoke = (source_dir() / "suites/smoke.yaml").string();
// A timing is never asserted in a test: the exit code of these runs says that everything ran,
// whatever this machine (or a sanitizer build) makes of the suites' time budgets.
const std::string kGateOnFailures = "--fail-on=failure";

TEST(Run, TheSmokeSuiteStoresEverySample) {
  TempDirectory dir;
  const CliResult result =
      run_benchctl({"run", kSmoke, "--label", "first", kGateOnFailures}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
  EXPECT_NE(result.out.find("5 benchmarks, 5 ok, 0 failed"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("Stored as run 1 in results/benchctl.db"), std::string::npos)
      << result.err;

  auto store = store::open_sqlite_store(dir / "results/benchctl.db");
  const store::RunRecord run = store->load_run(1);
  EXPECT_EQ(run.status, store::RunStatus::complete);
  EXPECT_EQ(run.label, "first");
  EXPECT_EQ(run.config_hash.size(), 64u);
  EXPECT_GT(run.environment.cores.value_or(0), 0);
  ASSERT_EQ(run.plugins.size(), 1u);
  EXPECT_EQ(run.plugins[0].name, "tools");
  ASSERT_EQ(run.results.size(), 5u);

  // smoke.yaml: plugin benchmarks 2 processes x 2 repetitions, the command 3 runs, one file size.
  for (int i = 0; i < 3; ++i) {
    const store::ResultRecord& benchmark = run.results[static_cast<std::size_t>(i)];
    EXPECT_EQ(benchmark.kind, store::ResultKind::benchmark);
    EXPECT_EQ(benchmark.status, store::ResultStatus::ok) << benchmark.reason;
    ASSERT_EQ(benchmark.processes.size(), 2u) << benchmark.name;
    for (const auto& process : benchmark.processes) {
      ASSERT_EQ(process.samples.size(), 2u);
      EXPECT_GT(process.samples[0].iterations, 0);
      EXPECT_GT(*process.samples[0].real_seconds, 0);
      EXPECT_GT(process.peak_rss_bytes.value_or(0), 1 << 20);
    }
  }
  EXPECT_GT(run.results[1].processes[0].samples[0].counters.at("bytes_per_second"), 0);
  const store::ResultRecord& command = run.results[3];
  EXPECT_EQ(command.name, "startup/version");
  EXPECT_EQ(command.processes.size(), 3u);
  EXPECT_GT(command.processes[0].peak_rss_bytes.value_or(0), 0);
  const store::ResultRecord& size = run.results[4];
  EXPECT_EQ(size.kind, store::ResultKind::file_size);
  EXPECT_EQ(size.processes.at(0).samples.at(0).counters.at("size_bytes"),
            static_cast<double>(std::filesystem::file_size(benchctl_binary())));
  EXPECT_EQ(size.settings.budgets.at(0).metric, store::BudgetMetric::max_size);
}

TEST(Run, ShowAndRunsReadTheStoredRun) {
  TempDirectory dir;
  const std::string db = (dir / "custom.db").string();
  ASSERT_EQ(run_benchctl({"run", kSmoke, "--filter", "uuid|version", "--db", db, kGateOnFailures},
                         dir.path())
                .exit_code,
            0);
  ASSERT_EQ(run_benchctl({"run", kSmoke, "--plugin", "tools", kGateOnFailures}, dir.path(),
                         {"BENCHCTL_DB=" + db})
                .exit_code,
            0);

  const CliResult runs = run_benchctl({"runs", "--db", db}, dir.path());
  ASSERT_EQ(runs.exit_code, 0) << runs.err;
  const auto lines = lines_of(runs.out);
  ASSERT_EQ(lines.size(), 4u) << runs.out;  // header, rule, two runs
  EXPECT_TRUE(lines[2].starts_with("  2")) << "newest first: " << lines[2];
  EXPECT_NE(lines[2].find("smoke"), std::string::npos);
  EXPECT_NE(lines[2].find("complete"), std::string::npos);

  const CliResult latest = run_benchctl({"show", "latest", "--db", db}, dir.path());
  ASSERT_EQ(latest.exit_code, 0) << latest.err;
  EXPECT_NE(latest.out.find("Run 2 · suite smoke"), std::string::npos) << latest.out;
  EXPECT_NE(latest.out.find("tools/truncation/head/1000"), std::string::npos);
  EXPECT_EQ(latest.out.find("startup/version"), std::string::npos)
      << "--plugin tools left the command out";

  const CliResult first = run_benchctl({"show", "1", "--db", db, kGateOnFailures}, dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("startup/version"), std::string::npos);
  EXPECT_NE(first.out.find("2 benchmarks, 2 ok, 0 failed"), std::string::npos) << first.out;

  const CliResult missing = run_benchctl({"show", "99", "--db", db}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no run 99 in"), std::string::npos);
}

TEST(Run, ListsPluginsAndBenchmarksWithoutRunningThem) {
  TempDirectory dir;
  const CliResult plugins = run_benchctl({"list", "plugins"}, dir.path());
  ASSERT_EQ(plugins.exit_code, 0) << plugins.err;
  bool tools_listed = false;
  for (const std::string& line : lines_of(plugins.out)) {
    tools_listed |= line.starts_with("tools ") && line.find(" 1.0.0 ") != std::string::npos &&
                    line.find(" 14 ") != std::string::npos;
  }
  EXPECT_TRUE(tools_listed) << plugins.out;
  const CliResult benchmarks =
      run_benchctl({"list", "benchmarks", "--plugin", "tools"}, dir.path());
  ASSERT_EQ(benchmarks.exit_code, 0);
  EXPECT_EQ(lines_of(benchmarks.out).size(), 14u);
  EXPECT_EQ(lines_of(benchmarks.out).front(), "tools/truncation/head/1000");
  EXPECT_FALSE(std::filesystem::exists(dir / "results"));
}

}  // namespace
}  // namespace benchctl::testing

namespace benchctl::testing {
namespace {

TEST(Run, PercentileBudgetsApplyToSingleOperationsWhenABenchmarkRecordsThem) {
  TempDirectory dir;
  dir.write(
      "latency.yaml",
      "suite: latency\nplugins: [calibration]\n"
      "defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s}\n"
      "benchmarks:\n  - {name: calibration/latency_recorder, budgets: {p99: 1s, median: 1ns}}\n");
  const CliResult result = run_benchctl({"run", "latency.yaml", "--format", "json"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << "the 1 ns median of single operations is beyond: "
                                 << result.out;
  const auto report = nlohmann::json::parse(result.out);
  const auto& latency = report["run"]["results"][0]["latency"];
  EXPECT_GT(latency["p99"].get<double>(), 0);
  EXPECT_LE(latency["p50"].get<double>(), latency["p99"].get<double>());
  EXPECT_EQ(report["budgets"][0]["metric"], "p99");
  EXPECT_EQ(report["budgets"][0]["status"], "inside");
  EXPECT_EQ(report["budgets"][1]["status"], "beyond");
  EXPECT_EQ(report["budgets"][1]["value"].get<double>(), latency["p50"].get<double>());
}

}  // namespace
}  // namespace benchctl::testing

namespace benchctl::testing {
namespace {

// The phase suites include one another: a filtered run of phase13.yaml reaches benchmarks that
// phase 10, phase 12 and phase 13 each add, with their budgets.
TEST(Run, ThePhaseSuitesRunAcrossTheirIncludes) {
  TempDirectory dir;
  const std::string suite = (source_dir() / "suites/phase13.yaml").string();
  const CliResult validated = run_benchctl({"validate", suite}, dir.path());
  ASSERT_EQ(validated.exit_code, 0) << validated.err;
  const CliResult result = run_benchctl(
      {"run", suite, "--filter",
       "^(kernel/policy/evaluate|templates/registry/lookup/10|memory/vector_search/hnsw/1000)$",
       "--format", "json", kGateOnFailures},
      dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["run"]["suite"], "phase13");
  ASSERT_EQ(report["run"]["results"].size(), 3u);
  std::set<std::string> budgets;
  for (const auto& budget : report["budgets"]) {
    budgets.insert(budget["benchmark"].get<std::string>() + " " +
                   budget["metric"].get<std::string>());
    EXPECT_TRUE(budget["status"] == "inside" || budget["status"] == "straddles" ||
                budget["status"] == "beyond")
        << budget.dump();
    if (!kTimingsDistorted) {
      EXPECT_NE(budget["status"], "beyond") << budget.dump();
    }
  }
  EXPECT_TRUE(budgets.contains("kernel/policy/evaluate median")) << "from phase10.yaml";
  EXPECT_TRUE(budgets.contains("templates/registry/lookup/10 p95")) << "from phase12.yaml";
  EXPECT_TRUE(budgets.contains("memory/vector_search/hnsw/1000 min_counter"))
      << "the recall budget, phase13.yaml";
}

}  // namespace
}  // namespace benchctl::testing

namespace benchctl::testing {
namespace {

TEST(Run, TheExtensionSuiteRunsTheJavaScriptRuntime) {
  TempDirectory dir;
  const CliResult result =
      run_benchctl({"run", (source_dir() / "suites/extensions.yaml").string(), "--filter",
                    "tool_call_roundtrip|run_pending_jobs_empty", "--format", "json"},
                   dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["run"]["results"].size(), 2u);
  for (const auto& budget : report["budgets"])
    EXPECT_EQ(budget["status"], "inside") << budget.dump();
}

}  // namespace
}  // namespace benchctl::testing
