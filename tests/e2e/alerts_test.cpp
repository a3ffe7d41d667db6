// benchctl alerts, end to end on both backends: a doubling becomes one new alert, kept with its
// state across nights; a regression that comes back is fixed by itself; an accepted one leaves the
// history and is reported once as a change of state; bad input is one line and exit 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../unit/scratch_postgres.h"
#include "cli_harness.h"

namespace benchctl::testing {
namespace {

class Alerts : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    dir_.write("scaled.yaml",
               "suite: scaled\nplugins: [scaled]\n"
               "defaults: {processes: 3, repetitions: 2, min_time: 5ms, warmup: 2ms}\n"
               "policy: {time: cpu}\n"
               "benchmarks:\n  - name: scaled/work\n");
    db_ = GetParam()
              ? database_.create(::testing::UnitTest::GetInstance()->current_test_info()->name())
              : "a.db";
  }
  void nights(int count, const std::string& scale) {
    for (int i = 0; i < count; ++i) {
      const CliResult result = run_benchctl(
          {"run", "scaled.yaml", "--db", db_, "--plugin-path", test_plugin_dir("scaled").string()},
          dir_.path(), {"BENCHCTL_TEST_SCALE=" + scale});
      ASSERT_EQ(result.exit_code, 0) << result.err;
    }
  }
  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db_});
    return run_benchctl(args, dir_.path());
  }
  nlohmann::json scan(int expected_exit) {
    const CliResult result = benchctl({"alerts", "scan", "--suite", "scaled", "--format", "json"});
    EXPECT_EQ(result.exit_code, expected_exit) << result.out << result.err;
    return nlohmann::json::parse(result.out);
  }

  ScratchPostgres database_;
  std::string db_;
  TempDirectory dir_;
};

TEST_P(Alerts, ADoublingIsOneAlertWhoseStateLastsAndWhichFixesItselfWhenItComesBack) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  nights(4, "1.0");
  nights(4, "2.0");
  auto digest = scan(1);
  ASSERT_EQ(digest["alerts"].size(), 1u) << digest;
  const auto& alert = digest["alerts"][0];
  EXPECT_EQ(alert["state"], "new");
  EXPECT_EQ(alert["first_run"], 5);
  ASSERT_EQ(alert["changes"].size(), 1u);
  EXPECT_EQ(alert["changes"][0]["benchmark"], "scaled/work");
  EXPECT_NEAR(alert["changes"][0]["ratio"].get<double>(), 2.0, 0.4);
  const std::string id = std::to_string(alert["id"].get<int>());
  // Profiled as the nightly job does: its first run's build against the run before it.
  const CliResult profiled =
      benchctl({"profile", "--alert", id, "--time", "0.1", "--format", "json"});
  ASSERT_EQ(profiled.exit_code, 0) << profiled.err;
  const auto profiles = nlohmann::json::parse(profiled.out)["profiles"];
  ASSERT_EQ(profiles.size(), 1u) << profiles;
  EXPECT_EQ(profiles[0]["benchmark"], "scaled/work");
  EXPECT_EQ(profiles[0]["run_id"], 5);
  EXPECT_EQ(profiles[0]["against"]["run_id"], 4);

  EXPECT_TRUE(scan(0)["alerts"].empty()) << "reported once";
  ASSERT_EQ(benchctl({"alerts", "set", id, "investigating", "--note", "bisecting"}).exit_code, 0);
  digest = scan(0);
  ASSERT_EQ(digest["alerts"].size(), 1u);
  EXPECT_EQ(digest["alerts"][0]["was"], "new");
  EXPECT_EQ(digest["alerts"][0]["state"], "investigating");

  nights(4, "1.0");
  digest = scan(0);
  ASSERT_EQ(digest["alerts"].size(), 1u) << digest;
  EXPECT_EQ(digest["alerts"][0]["was"], "investigating");
  EXPECT_EQ(digest["alerts"][0]["state"], "fixed");
  EXPECT_EQ(digest["alerts"][0]["fixed_at_run"], 9);

  const CliResult shown = benchctl({"alerts", "show", id});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("bisecting"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("by itself"), std::string::npos) << shown.out;
  const CliResult listed = benchctl({"alerts", "list", "--in-state", "fixed", "--format", "csv"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(lines_of(listed.out).size(), 2u) << listed.out;
}

TEST_P(Alerts, AnAcceptedChangeLeavesTheHistoryAndIsReportedOnce) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  nights(4, "1.0");
  nights(4, "2.0");
  const std::string id = std::to_string(scan(1)["alerts"][0]["id"].get<int>());
  ASSERT_EQ(
      benchctl({"alerts", "set", id, "accepted", "--note", "a bigger input, on purpose"}).exit_code,
      0);
  const CliResult history = benchctl({"history", "--suite", "scaled", "--format", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto series = nlohmann::json::parse(history.out)["benchmarks"][0];
  EXPECT_TRUE(series["change_points"].empty()) << series;
  EXPECT_EQ(series["points"][0]["run"], 5) << "the series restarts at the accepted change";
  auto digest = scan(0);
  ASSERT_EQ(digest["alerts"].size(), 1u);
  EXPECT_EQ(digest["alerts"][0]["state"], "accepted");
  nights(1, "2.0");
  EXPECT_TRUE(scan(0)["alerts"].empty());
}

TEST_P(Alerts, BadInputIsOneLineAndExitTwo) {
  nights(1, "1.0");
  for (const std::vector<std::string>& bad : {std::vector<std::string>{"alerts", "frobnicate"},
                                              {"alerts", "show"},
                                              {"alerts", "show", "x1"},
                                              {"alerts", "show", "7"},
                                              {"alerts", "set", "7", "accepted", "--note", "n"},
                                              {"alerts", "set", "1", "closed", "--note", "n"},
                                              {"alerts", "scan"},
                                              {"alerts", "scan", "--suite", "nosuch"},
                                              {"profile", "--alert", "99"},
                                              {"alerts", "list", "--in-state", "open"},
                                              {"alerts", "list", "--format", "yaml"}}) {
    const CliResult result = benchctl(bad);
    EXPECT_EQ(result.exit_code, 2) << bad[1] << " " << result.err;
    EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
  }
  const CliResult no_note = benchctl({"alerts", "set", "1", "accepted"});
  EXPECT_EQ(no_note.exit_code, 2);
  EXPECT_NE(no_note.err.find("--note TEXT is required"), std::string::npos) << no_note.err;
  const CliResult none = benchctl({"alerts", "list"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "No alerts.\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, Alerts, ::testing::Values(false, true), [](const auto& backend) {
  return backend.param ? "PostgreSQL" : "SQLite";
});

}  // namespace
}  // namespace benchctl::testing
