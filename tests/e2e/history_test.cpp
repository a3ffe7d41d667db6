// benchctl history and maintain, end to end: a series with a step that cannot be missed, what is
// new against an earlier history, every bad option refused with one line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

class History : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("scaled.yaml",
               "suite: scaled\nplugins: [scaled]\n"
               "defaults: {processes: 3, repetitions: 2, min_time: 5ms, warmup: 2ms}\n"
               "policy: {time: cpu}\n"
               "benchmarks:\n  - name: scaled/work\n");
  }
  void run(const std::string& scale) {
    const CliResult result =
        run_benchctl({"run", "scaled.yaml", "--db", "h.db", "--plugin-path", plugins_}, dir_.path(),
                     {"BENCHCTL_TEST_SCALE=" + scale});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "h.db"});
    return run_benchctl(args, dir_.path());
  }

  TempDirectory dir_;
  const std::string plugins_ = test_plugin_dir("scaled").string();
};

TEST_F(History, ADoublingIsAChangePointNewOnceAndMaintenanceKeepsIt) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  EXPECT_EQ(benchctl({"history"}).exit_code, 2) << "no runs yet";
  for (int i = 0; i < 4; ++i)
    run("1.0");
  for (int i = 0; i < 4; ++i)
    run("2.0");
  const CliResult json = benchctl({"history", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  dir_.write("previous.json", json.out);
  const auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["schema"], "benchctl.history/1");
  const auto& work = parsed["benchmarks"][0];
  EXPECT_EQ(work["name"], "scaled/work");
  EXPECT_EQ(work["points"].size(), 8u);
  ASSERT_EQ(work["change_points"].size(), 1u) << work;
  const auto& change = work["change_points"][0];
  EXPECT_EQ(change["first_run"], 5);
  EXPECT_NEAR(change["ratio"].get<double>(), 2.0, 0.4);
  EXPECT_EQ(change["cause"], "benchmark");
  EXPECT_EQ(parsed["summary"]["new_alerting_regressions"], 1);

  const CliResult table = benchctl({"history"});
  EXPECT_NE(table.out.find("at run 5"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Machine: "), std::string::npos);
  EXPECT_EQ(lines_of(benchctl({"history", "--format", "csv"}).out).size(), 9u);
  EXPECT_EQ(benchctl({"history", "--fail-on", "regression"}).exit_code, 1);
  const CliResult again = benchctl({"history", "--previous", "previous.json", "--fail-on",
                                    "new-regression", "--format", "markdown"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("1 change point · 0 new regressions"), std::string::npos) << again.out;
  EXPECT_EQ(benchctl({"history", "--last", "4"}).out.find("at run"), std::string::npos)
      << "the last four runs are one level";

  // Maintenance: nothing old enough to prune; everything still there.
  const CliResult maintained = benchctl({"maintain", "--retain-samples", "30", "--vacuum"});
  EXPECT_EQ(maintained.exit_code, 0) << maintained.err;
  EXPECT_NE(maintained.out.find("Deleted 0 samples of 0 runs older than 30 days"),
            std::string::npos)
      << maintained.out;
  EXPECT_EQ(benchctl({"history", "--format", "json"}).out, json.out);
}

TEST_F(History, BadOptionsAreRefusedWithOneLine) {
  run("1.0");
  dir_.write("other.json", R"({"schema": "benchctl.compare/2"})");
  dir_.write("huge.json", R"({"schema": "benchctl.history/1", "n": 1e400})");
  dir_.write("broken.json", R"({"schema": "benchctl.history/1", "benchmarks": [{"name": 1}]})");
  for (const std::vector<std::string>& bad : {std::vector<std::string>{"history", "--last", "0"},
                                              {"history", "--since", "yesterday"},
                                              {"history", "--last", "2", "--since", "2026-01-01"},
                                              {"history", "--machine", "elsewhere"},
                                              {"history", "--suite", "nope"},
                                              {"history", "--filter", "("},
                                              {"history", "--filter", "nothing-matches"},
                                              {"history", "--fail-on", "everything"},
                                              {"history", "--fail-on", "new-regression"},
                                              {"history", "--previous", "missing.json"},
                                              {"history", "--previous", "other.json"},
                                              {"history", "--previous", "broken.json"},
                                              {"history", "--previous", "/dev/zero"},
                                              {"history", "--previous", "huge.json"},
                                              {"history", "--previous", "."},
                                              {"history", "--format", "yaml"},
                                              {"maintain", "--retain-samples", "0"},
                                              {"maintain", "--retain-samples", "x"}}) {
    const CliResult refused = benchctl(bad);
    EXPECT_EQ(refused.exit_code, 2) << bad[1] << " " << bad.back() << ": " << refused.out;
    EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  }
}

}  // namespace
}  // namespace benchctl::testing
