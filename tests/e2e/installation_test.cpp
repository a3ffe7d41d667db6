// A benchctl installed without the modules and helpers that ship with it names the missing one in
// one line, exits 6 and writes nothing; what does not need them still works.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_harness.h"
#include "util/subprocess.h"

namespace benchctl::testing {
namespace {

class Installation : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_ / "alone");
    std::filesystem::copy_file(benchctl_binary(), alone_);
    dir_.write("commands.yaml", R"(suite: commands
benchmarks:
  - name: true/command
    command: ["/bin/true"]
    runs: 2
)");
  }

  util::ChildExit run_alone(std::vector<std::string> args) const {
    util::ChildSpec spec;
    spec.argv = {alone_.string()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    return util::run_child(spec);
  }

  void expect_refused(const util::ChildExit& refused, const std::string& missing) const {
    EXPECT_EQ(refused.exit_code, 6) << refused.output_tail;
    EXPECT_EQ(lines_of(refused.output_tail).size(), 1u) << refused.output_tail;
    EXPECT_NE(refused.output_tail.find("benchctl: incomplete installation: "), std::string::npos)
        << refused.output_tail;
    EXPECT_NE(refused.output_tail.find(missing), std::string::npos) << refused.output_tail;
  }

  TempDirectory dir_;
  std::filesystem::path alone_ = dir_ / "alone/benchctl";
};

TEST_F(Installation, WithoutTheWorkerModuleAPluginSuiteIsRefusedBeforeAnythingIsStored) {
  const std::string plugins = (benchctl_binary().parent_path() / "plugins").string();
  expect_refused(run_alone({"run", (source_dir() / "suites/smoke.yaml").string(), "--plugin-path",
                            plugins, "--db", (dir_ / "alone.db").string()}),
                 "cannot find benchctl-worker.so next to " + alone_.string());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "alone.db"));
  expect_refused(run_alone({"list", "plugins", "--plugin-path", plugins}), "benchctl-worker.so");
}

TEST_F(Installation, WithoutTheRusageHelperACommandSuiteIsRefusedBeforeAnythingIsStored) {
  expect_refused(
      run_alone({"run", (dir_ / "commands.yaml").string(), "--db", (dir_ / "alone.db").string()}),
      "cannot find benchctl-rusage next to " + alone_.string());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "alone.db"));
}

TEST_F(Installation, WithoutThePostgresModuleTheUrlIsNamedWithoutItsPassword) {
  const util::ChildExit refused =
      run_alone({"runs", "--db", "postgresql://runner:hunter2@127.0.0.1:1/benchctl"});
  expect_refused(refused,
                 "postgresql://runner:***@127.0.0.1:1/benchctl: PostgreSQL support cannot be "
                 "loaded: cannot find benchctl-postgres.so");
  EXPECT_EQ(refused.output_tail.find("hunter2"), std::string::npos) << refused.output_tail;
}

TEST_F(Installation, WhatNeedsNoModuleStillWorks) {
  dir_.write("imported.json", R"({"context": {"date": "2026-11-27T10:00:00+00:00"},
    "benchmarks": [{"name": "alone/work", "run_name": "alone/work", "run_type": "iteration",
                    "iterations": 1000, "real_time": 120, "cpu_time": 120, "time_unit": "ns"}]})");
  const std::string db = (dir_ / "alone.db").string();
  for (int run = 0; run < 2; ++run) {
    const util::ChildExit imported =
        run_alone({"import", (dir_ / "imported.json").string(), "--suite", "alone", "--db", db});
    ASSERT_EQ(imported.exit_code, 0) << imported.output_tail;
  }
  const util::ChildExit shown = run_alone({"show", "1", "--format", "markdown", "--db", db});
  EXPECT_EQ(shown.exit_code, 0) << shown.output_tail;
  EXPECT_NE(shown.output_tail.find("alone/work"), std::string::npos) << shown.output_tail;
  const util::ChildExit compared =
      run_alone({"compare", "1", "2", "--fail-on", "none", "--db", db});
  EXPECT_EQ(compared.exit_code, 0) << compared.output_tail;
  EXPECT_EQ(run_alone({"--version"}).exit_code, 0);
}

}  // namespace
}  // namespace benchctl::testing
