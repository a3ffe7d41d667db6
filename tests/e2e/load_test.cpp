// Load tests end to end: suites with `load:` entries run by the real binary against the test
// plugin's operations (tests/plugins/load_plugin.cpp). A stall shows in the open-loop tail, a
// leak of 1 MB a second is flagged by its RSS slope and a no-op is not, a burst beyond the
// operation's capacity reports its recovery; bad scenarios are refused with one line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

class LoadTest : public ::testing::Test {
 protected:
  CliResult benchctl(std::vector<std::string> args) {
    if (args.front() == "run")
      args.insert(args.end(), {"--plugin-path", test_plugin_dir("load").string()});
    args.insert(args.end(), {"--db", (dir_ / "runs.db").string()});
    return run_benchctl(args, dir_.path());
  }

  // The run's report as JSON: its results by name, and its budgets.
  nlohmann::json run_json(const std::string& suite) {
    const CliResult run = benchctl({"run", dir_.write("suite.yaml", suite).string(), "--format",
                                    "json", "--fail-on", "failure"});
    EXPECT_EQ(run.exit_code, 0) << run.err << run.out;
    return nlohmann::json::parse(run.out);
  }

  static const nlohmann::json& load_of(const nlohmann::json& report, const std::string& name) {
    for (const auto& result : report["run"]["results"]) {
      if (result["name"] == name)
        return result["load"];
    }
    throw std::runtime_error("no result " + name);
  }

  static std::string budget_status(const nlohmann::json& report, const std::string& name) {
    for (const auto& budget : report["budgets"]) {
      if (budget["benchmark"] == name)
        return budget["status"];
    }
    return "none";
  }

  TempDirectory dir_;
};

TEST_F(LoadTest, AStallShowsInTheOpenLoopTailAndFailuresInTheSuccessRate) {
  const nlohmann::json report = run_json(R"(suite: stall
plugins: [load]
benchmarks:
  - name: stall
    load: {operation: load/stall, rate: 1000/s, duration: 3s, warmup: 1s}
    budgets: {p99: 10ms}
  - name: failing
    load: {operation: load/failing, rate: 500/s, duration: 2s}
    budgets: {min_success_rate: 99%}
  - name: throwing
    load: {operation: load/throwing, rate: 100/s, duration: 1s}
)");
  const nlohmann::json& stall = load_of(report, "stall");
  // 100 ms once a second at 1,000 requests a second: some 50 requests wait 50 ms or more.
  EXPECT_GE(stall["p99"]["value"].get<double>(), 0.05) << stall.dump();
  EXPECT_LT(stall["p50"]["value"].get<double>(), 0.01);
  EXPECT_GT(stall["late"].get<int>(), 100);
  // Requests are sent in the three seconds after the warm-up; a stall at the end of the third
  // completes its requests in a fourth second of draining, which is recorded too.
  std::size_t sending = 0;
  for (const nlohmann::json& second : stall["seconds"])
    sending += second["sent"].get<int>() > 0 ? 1 : 0;
  EXPECT_EQ(sending, 3u) << "the warm-up second is not recorded: " << stall["seconds"].dump();
  EXPECT_LE(stall["seconds"].size(), 4u);
  EXPECT_EQ(budget_status(report, "stall"), "beyond");

  const nlohmann::json& failing = load_of(report, "failing");
  EXPECT_NEAR(failing["success_rate"].get<double>(), 0.9, 0.01);
  EXPECT_EQ(budget_status(report, "failing"), "beyond");
  EXPECT_EQ(load_of(report, "throwing")["first_error"], "queue full");
  EXPECT_EQ(load_of(report, "throwing")["success_rate"], 0.0);
}

TEST_F(LoadTest, ALeakIsFlaggedByItsRssSlopeAndANoOpIsNot) {
  const nlohmann::json report = run_json(R"(suite: leak
plugins: [load]
benchmarks:
  - name: leak
    load: {operation: load/leak, rate: 1000/s, duration: 10s, threads: 2}
    budgets: {max_rss_slope: 10MB/min}
  - name: steady
    load: {operation: load/noop, rate: 1000/s, duration: 10s, threads: 2}
    budgets: {max_rss_slope: 10MB/min}
)");
  const nlohmann::json& leak = load_of(report, "leak")["rss_slope_bytes_per_minute"];
  EXPECT_GT(leak["interval"][0].get<double>(), 10e6) << leak.dump();
  EXPECT_NEAR(leak["value"].get<double>(), 60 * 1.048576e6, 15e6);
  EXPECT_EQ(budget_status(report, "leak"), "beyond");
  const nlohmann::json& steady = load_of(report, "steady")["rss_slope_bytes_per_minute"];
  EXPECT_LT(steady["interval"][1].get<double>(), 10e6) << steady.dump();
  EXPECT_EQ(budget_status(report, "steady"), "inside");
}

TEST_F(LoadTest, ABurstBeyondCapacityReportsItsRecoveryAndTheSecondsAreExported) {
  // 200 µs per request on one thread: 5,000 a second at most. A burst of 10,000 a second for 1 s
  // leaves a backlog of some 5,000 that takes seconds to drain at the baseline's 1,000 a second
  // (about 1.5 s alone on a core; 10 s and more when a build and another test share the machine,
  // leaving the worker a tenth of a core beyond the baseline's fifth: the run leaves it 16 s).
  const nlohmann::json report = run_json(R"(suite: burst
plugins: [load]
benchmarks:
  - name: burst
    load:
      operation: load/slow
      rate: 1000/s
      duration: 20s
      burst: {rate: 10K/s, duration: 1s, at: 3s}
    budgets: {max_recovery_time: 1s}
)");
  const nlohmann::json& burst = load_of(report, "burst");
  ASSERT_TRUE(burst["recovery_time"].is_number()) << burst.dump();
  EXPECT_GE(burst["recovery_time"].get<double>(), 1.0);
  EXPECT_TRUE(burst["recovered"].get<bool>());
  EXPECT_GT(burst["max_backlog"].get<double>(), 1000);
  EXPECT_EQ(burst["seconds"][3]["phase"], "burst");
  EXPECT_EQ(budget_status(report, "burst"), "beyond");

  const CliResult table = benchctl({"show", "latest", "--fail-on", "failure"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Load tests:"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find(" req"), std::string::npos) << table.out;
  const CliResult csv = benchctl({"show", "latest", "--seconds", "--format", "csv"});
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  const std::vector<std::string> rows = lines_of(csv.out);
  ASSERT_GE(rows.size(), 15u) << csv.out;
  EXPECT_EQ(rows[0],
            "name,process,second,phase,sent,completed,errors,late,backlog,p50_seconds,p90_seconds,"
            "p99_seconds,max_seconds,rss_bytes,cpu_seconds");
  EXPECT_EQ(rows[4].substr(0, 16), "burst,0,3,burst,");
  const CliResult json = benchctl({"show", "latest", "--seconds", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(json.out)["load_tests"][0]["seconds"].size(), rows.size() - 1);
}

TEST_F(LoadTest, BadScenariosAreRefusedWithOneLineAndExit2) {
  const auto refused = [&](const std::string& load, const std::string& expected) {
    const std::string suite =
        "suite: bad\nplugins: [load]\nbenchmarks:\n  - name: x\n    load: " + load + "\n";
    const CliResult run = benchctl({"run", dir_.write("bad.yaml", suite).string()});
    EXPECT_EQ(run.exit_code, 2) << load;
    EXPECT_EQ(lines_of(run.err).size(), 1u) << run.err;
    EXPECT_NE(run.err.find(expected), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("bad.yaml:"), std::string::npos) << run.err;
  };
  refused("{operation: load/noop, rate: 0/s, duration: 1s}", "'rate' is '0/s'");
  refused("{operation: load/noop, rate: 10/s}", "the load has no 'duration'");
  refused("{operation: load/noop, rate: 10/s, duration: -1s}", "'duration' is '-1s'");
  refused(
      "{operation: load/noop, rate: 10/s, duration: 5s, burst: {rate: 1K/s, duration: 6s, "
      "at: 1s}}",
      "after the run's duration");
  refused("{operation: load/nothing, rate: 10/s, duration: 1s}",
          "unknown operation 'load/nothing', expected one of plugin 'load''s operations: "
          "load/noop, load/stall");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "runs.db")) << "nothing was stored";
  const CliResult show = benchctl({"show", "1", "--seconds"});
  EXPECT_EQ(show.exit_code, 2);
  EXPECT_NE(show.err.find("no database here yet"), std::string::npos) << show.err;
}

}  // namespace
}  // namespace benchctl::testing
