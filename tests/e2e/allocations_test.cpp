// Counting an iteration's allocations, end to end: the real preloaded counter, a real plugin whose
// benchmarks allocate a known number of blocks.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

class Allocations : public ::testing::Test {
 protected:
  void SetUp() override {
    if (BENCHCTL_TEST_UNDER_SANITIZERS)
      GTEST_SKIP() << "a sanitizer's runtime owns the allocator: no counter is built";
    dir_.write("allocating.yaml", R"(suite: allocating
plugins: [allocating]
defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s, measure: allocations}
benchmarks:
  - allocating/*
  - name: allocating/blocks/100
    budgets: {max_allocs: 99, max_alloc_bytes: 8KB}
  - name: allocating/setup_only
    budgets: {max_allocs: 0}
)");
  }

  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "a.db"});
    return run_benchctl(args, dir_.path());
  }

  CliResult run(const char* build) {
    return benchctl({"run", "allocating.yaml", "--plugin-path", test_plugin_dir(build).string(),
                     "--format", "json"});
  }

  TempDirectory dir_;
};

nlohmann::json result_named(const nlohmann::json& report, const std::string& name) {
  for (const nlohmann::json& result : report["run"]["results"]) {
    if (result["name"] == name)
      return result;
  }
  ADD_FAILURE() << "no result " << name;
  return {};
}

TEST_F(Allocations, CountsAreExactAndTheSetupIsLeftOut) {
  const CliResult measured = run("allocating");
  ASSERT_EQ(measured.exit_code, 1) << "max_allocs 99 fails" << measured.err;
  const auto report = nlohmann::json::parse(measured.out);
  auto counts = [&](const std::string& name) { return result_named(report, name)["allocations"]; };
  for (const auto& [name, blocks] : {std::pair{"allocating/blocks/0", 0.0},
                                     {"allocating/blocks/1", 1.0},
                                     {"allocating/blocks/100", 100.0}}) {
    EXPECT_EQ(counts(name)["per_iteration"], blocks) << name;
    EXPECT_EQ(counts(name)["frees_per_iteration"], blocks) << name;
    EXPECT_EQ(counts(name)["bytes_per_iteration"], 64 * blocks) << name;
  }
  EXPECT_EQ(counts("allocating/setup_only")["per_iteration"], 0.0)
      << "its megabyte is allocated in the setup";
  EXPECT_EQ(counts("allocating/aligned")["per_iteration"], 1.0);
  EXPECT_EQ(counts("allocating/aligned")["bytes_per_iteration"], 256.0);
  EXPECT_TRUE(result_named(report, "allocating/blocks/1").contains("time")) << "timed as well";

  std::map<std::string, std::string> budgets;
  for (const nlohmann::json& budget : report["budgets"])
    budgets[budget["benchmark"].get<std::string>() + " " + budget["metric"].get<std::string>()] =
        budget["status"];
  EXPECT_EQ(budgets["allocating/blocks/100 max_allocs"], "beyond");
  EXPECT_EQ(budgets["allocating/blocks/100 max_alloc_bytes"], "inside");
  EXPECT_EQ(budgets["allocating/setup_only max_allocs"], "inside");

  const CliResult table = benchctl({"show", "1"});
  EXPECT_NE(table.out.find("Allocs"), std::string::npos) << table.out;
}

// One more allocation per iteration is a regression every time; the same build never is.
TEST_F(Allocations, OneMoreAllocationIsFlaggedAndTheSameBuildIsNot) {
  for (int round = 0; round < 3; ++round) {
    ASSERT_EQ(run("allocating").exit_code, 1);  // the max_allocs budget
    ASSERT_EQ(run("allocating").exit_code, 1);
    ASSERT_EQ(run("allocating-more").exit_code, 1);
    const int before = 3 * round + 1;
    auto compare = [&](int after) {
      const CliResult compared = benchctl({"compare", std::to_string(before), std::to_string(after),
                                           "--resolve", "never", "--format", "json"});
      return std::pair{compared.exit_code, nlohmann::json::parse(compared.out)};
    };
    const auto [same_exit, same] = compare(before + 1);
    for (const nlohmann::json& b : same["benchmarks"])
      EXPECT_EQ(b["allocations"]["verdict"], "no change") << b.dump();
    const auto [more_exit, more] = compare(before + 2);
    EXPECT_EQ(more_exit, 1);
    for (const nlohmann::json& b : more["benchmarks"]) {
      const bool changed = b["name"] == "allocating/blocks/1";
      EXPECT_EQ(b["allocations"]["verdict"], changed ? "regression" : "no change") << b.dump();
      if (changed) {
        EXPECT_EQ(b["allocations"]["baseline"], 1.0);
        EXPECT_EQ(b["allocations"]["current"], 2.0);
      }
    }
  }
}

TEST_F(Allocations, ABudgetOnAllocationsNeedsThemCounted) {
  dir_.write("uncounted.yaml", R"(suite: uncounted
plugins: [allocating]
benchmarks:
  - name: allocating/blocks/1
    budgets: {max_allocs: 1}
)");
  const CliResult refused =
      benchctl({"run", "uncounted.yaml", "--plugin-path", test_plugin_dir("allocating").string()});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  EXPECT_NE(refused.err.find("uncounted.yaml:5:15: budget 'max_allocs' of 'allocating/blocks/1' "
                             "needs its allocations counted"),
            std::string::npos)
      << refused.err;
  const CliResult bad_measure =
      benchctl({"run", "uncounted.yaml", "--plugin-path", test_plugin_dir("allocating").string(),
                "--measure", "allocs"});
  EXPECT_EQ(bad_measure.exit_code, 2);
  EXPECT_NE(bad_measure.err.find("--measure 'allocs', expected time, instructions or allocations"),
            std::string::npos)
      << bad_measure.err;
}

}  // namespace
}  // namespace benchctl::testing
