// Counting instructions under callgrind, end to end: real valgrind, real plugins.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

class Instructions : public ::testing::Test {
 protected:
  void SetUp() override {
    if (BENCHCTL_TEST_UNDER_SANITIZERS)
      GTEST_SKIP() << "valgrind cannot run a binary built with AddressSanitizer";
  }

  CliResult benchctl(std::vector<std::string> args, std::vector<std::string> environment = {}) {
    args.insert(args.end(), {"--db", "i.db"});
    return run_benchctl(args, dir_.path(), environment);
  }

  nlohmann::json shown(const std::string& run) {
    return nlohmann::json::parse(benchctl({"show", run, "--format", "json"}).out);
  }

  TempDirectory dir_;
};

TEST_F(Instructions, TheCountExcludesTheSetupAndRepeatsExactly) {
  dir_.write("counted.yaml",
             "suite: counted\nplugins: [counted]\n"
             "defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s, "
             "measure: instructions}\n"
             "benchmarks:\n  - name: counted/setup_heavy\n    budgets: {max_instructions: 2K}\n");
  const std::string plugins = test_plugin_dir("counted").string();
  for (int run = 0; run < 2; ++run) {
    const CliResult result = benchctl({"run", "counted.yaml", "--plugin-path", plugins});
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  }
  const auto first = shown("1");
  const auto& result = first["run"]["results"][0];
  const double per_iteration = result["instructions"]["per_iteration"];
  // 200 steps of about five instructions; the setup's ten million are not counted.
  EXPECT_GT(per_iteration, 800);
  EXPECT_LT(per_iteration, 1300);
  EXPECT_EQ(result["processes"], 2);
  EXPECT_FALSE(result.contains("time")) << "counted, not timed";
  EXPECT_EQ(first["budgets"][0]["status"], "inside");
  EXPECT_TRUE(first["run"]["environment"].contains("valgrind"));
  const double again = shown("2")["run"]["results"][0]["instructions"]["per_iteration"];
  EXPECT_NEAR(again / per_iteration, 1.0, 1e-4) << "the same code, the same count";

  const CliResult compared = benchctl({"compare", "1", "2", "--format", "json"});
  EXPECT_EQ(compared.exit_code, 0) << compared.out;
  const auto json = nlohmann::json::parse(compared.out);
  EXPECT_EQ(json["benchmarks"][0]["unit"], "instructions per iteration");
  EXPECT_EQ(json["benchmarks"][0]["verdict"], "no change");
}

TEST_F(Instructions, TimeAndInstructionsSideBySideWithAReading) {
  dir_.write("scaled.yaml",
             "suite: scaled\nplugins: [scaled]\n"
             "defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s}\n"
             "benchmarks: [scaled/work]\n");
  const std::string plugins = test_plugin_dir("scaled").string();
  auto run = [&](const std::string& scale) {
    return benchctl(
        {"run", "scaled.yaml", "--plugin-path", plugins, "--measure", "time,instructions"},
        {"BENCHCTL_TEST_SCALE=" + scale});
  };
  ASSERT_EQ(run("1.0").exit_code, 0);
  ASSERT_EQ(run("1.02").exit_code, 0);
  const CliResult compared = benchctl({"compare", "1", "2", "--format", "json"});
  const auto json = nlohmann::json::parse(compared.out);
  const auto& work = json["benchmarks"][0];
  EXPECT_EQ(work["unit"], "seconds");
  EXPECT_EQ(work["instructions"]["verdict"], "slower") << work;
  EXPECT_NEAR(work["instructions"]["ratio"].get<double>(), 1.02, 0.002);
  EXPECT_NE(work["reading"].get<std::string>().find("instructions"), std::string::npos) << work;
  EXPECT_EQ(compared.exit_code, 0) << "slower is not gated by default";
  EXPECT_EQ(benchctl({"compare", "1", "2", "--fail-on", "slower"}).exit_code, 1)
      << "an instruction verdict gates like a time verdict";
  const CliResult table = benchctl({"compare", "1", "2"});
  EXPECT_NE(table.out.find("Instructions"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("+2.0% ⚠️"), std::string::npos) << table.out;
}

TEST_F(Instructions, APluginOfAnOlderAbiFailsAloneWithTheReason) {
  dir_.write("old.yaml",
             "suite: old\nplugins: [old]\n"
             "defaults: {processes: 1, repetitions: 1, min_time: 5ms, warmup: 0s}\n"
             "benchmarks: [old/work]\n");
  const std::string plugins = test_plugin_dir("old-abi").string();
  EXPECT_EQ(benchctl({"run", "old.yaml", "--plugin-path", plugins}).exit_code, 0)
      << "ABI 1.0 plugins still time";
  const CliResult counted =
      benchctl({"run", "old.yaml", "--plugin-path", plugins, "--measure", "instructions"});
  EXPECT_EQ(counted.exit_code, 3) << counted.out << counted.err;
  EXPECT_NE(counted.out.find("ABI 1.0; counting instructions needs ABI 1.1"), std::string::npos)
      << counted.out;
}

TEST_F(Instructions, WhatCannotBeCountedIsRefusedBeforeAnythingRuns) {
  dir_.write("scaled.yaml",
             "suite: scaled\nplugins: [scaled]\n"
             "defaults: {processes: 1, repetitions: 1, min_time: 5ms, warmup: 0s}\n"
             "benchmarks:\n  - name: scaled/work\n    budgets: {max_instructions: 1M}\n");
  const std::string plugins = test_plugin_dir("scaled").string();
  const CliResult uncounted = benchctl({"run", "scaled.yaml", "--plugin-path", plugins});
  EXPECT_EQ(uncounted.exit_code, 2);
  EXPECT_NE(uncounted.err.find("budget 'max_instructions' of 'scaled/work' needs its "
                               "instructions counted"),
            std::string::npos)
      << uncounted.err;
  // Without valgrind on the PATH.
  const CliResult missing =
      benchctl({"run", "scaled.yaml", "--plugin-path", plugins, "--measure", "instructions"},
               {"PATH=/nonexistent"});
  EXPECT_EQ(missing.exit_code, 2) << missing.out << missing.err;
  EXPECT_EQ(lines_of(missing.err).size(), 1u) << missing.err;
  EXPECT_NE(missing.err.find("needs valgrind and setarch"), std::string::npos) << missing.err;
  EXPECT_EQ(
      benchctl({"run", "scaled.yaml", "--plugin-path", plugins, "--measure", "cycles"}).exit_code,
      2);
  EXPECT_EQ(benchctl({"runs"}).exit_code, 2) << "no database: nothing was stored";
}

}  // namespace
}  // namespace benchctl::testing
