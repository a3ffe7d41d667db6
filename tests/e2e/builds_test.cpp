// A run keeps its build, end to end: stored once by content, measured again by `ab --a RUN` and
// `compare --resolve` after its directory is gone, kept for a baseline by `maintain
// --retain-builds`, and refused in one line when it cannot be measured.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "cli_harness.h"
#include "store/sqlite.h"

namespace benchctl::testing {
namespace {

namespace fs = std::filesystem;

class Builds : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("scaled.yaml",
               "suite: scaled\nplugins: [scaled]\n"
               "defaults: {processes: 4, repetitions: 1, min_time: 2ms, warmup: 1ms}\n"
               "policy: {time: cpu}\n"
               "benchmarks: [scaled/work]\n");
    // Copies of two builds, which the tests delete once they are stored.
    for (const auto& [name, source] : {std::pair{"build-a", "scaled/benchctl_scaled.so"},
                                       {"build-b", "scaled-slow/benchctl_scaled_slow.so"}}) {
      fs::create_directories(dir_ / name);
      fs::copy_file(test_plugin_dir(source), dir_ / name / fs::path(source).filename());
    }
  }

  CliResult benchctl(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.end(), {"--db", "b.db"});
    return run_benchctl(args, dir_.path(), env);
  }

  CliResult run(const std::string& build, std::vector<std::string> extra = {},
                const std::string& scale = "1.0") {
    std::vector<std::string> args = {"run", "scaled.yaml", "--plugin-path",
                                     (dir_ / build).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return benchctl(args, {"BENCHCTL_TEST_SCALE=" + scale});
  }

  std::int64_t count(const std::string& sql) {
    store::Database database(dir_ / "b.db");
    store::Statement query = database.prepare(sql);
    query.step();
    return query.int64(0);
  }

  void execute(const std::string& sql) {
    store::Database database(dir_ / "b.db");
    database.exec(sql);
  }

  TempDirectory dir_;
};

TEST_F(Builds, ARunKeepsItsBuildOnceAndAbMeasuresABaselinesBuildAfterItIsGone) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  ASSERT_EQ(run("build-a", {"--save-baseline", "base"}).exit_code, 0);
  ASSERT_EQ(run("build-a").exit_code, 0);
  EXPECT_EQ(count("SELECT count(*) FROM build_files"), 1)
      << "an unchanged plugin costs nothing new";
  EXPECT_EQ(count("SELECT count(DISTINCT sha256) FROM run_plugins WHERE sha256 IS NOT NULL"), 1);
  fs::remove_all(dir_ / "build-a");

  const CliResult ab = benchctl({"ab", "scaled.yaml", "--a", "base", "--b",
                                 (dir_ / "build-b").string(), "--pairs", "10", "--format", "json"});
  EXPECT_EQ(ab.exit_code, 1) << ab.out << ab.err;
  const auto json = nlohmann::json::parse(ab.out);
  EXPECT_EQ(json["baseline"]["reference"], "base (run 1)");
  EXPECT_EQ(json["benchmarks"][0]["verdict"], "regression");
  EXPECT_EQ(json["benchmarks"][0]["pairs"], 10);
  EXPECT_EQ(count("SELECT count(*) FROM build_files"), 2) << "the A/B kept build B too";

  // Two stored runs of the same build: an A/A of the machine, said as such.
  const CliResult same = benchctl({"ab", "scaled.yaml", "--a", "1", "--b", "2", "--pairs", "4"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("the two builds hold the same plugin files"), std::string::npos)
      << same.out;
}

TEST_F(Builds, CompareSettlesByPairsOfTheStoredBuilds) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  ASSERT_EQ(run("build-a", {"--save-baseline", "base"}).exit_code, 0);
  ASSERT_EQ(run("build-b").exit_code, 0);
  fs::remove_all(dir_ / "build-a");
  fs::remove_all(dir_ / "build-b");

  // The stored runs alone, then settled by pairs of the two stored builds.
  const auto stored = nlohmann::json::parse(
      benchctl({"compare", "base", "--resolve", "never", "--format", "json", "--fail-on", "none"})
          .out);
  EXPECT_FALSE(stored["benchmarks"][0].contains("paired"));
  const CliResult settled =
      benchctl({"compare", "base", "--resolve", "always", "--format", "json"});
  EXPECT_EQ(settled.exit_code, 1) << settled.out << settled.err;
  const auto json = nlohmann::json::parse(settled.out);
  const auto& work = json["benchmarks"][0];
  EXPECT_EQ(work["paired"]["verdict"], "regression") << work;
  EXPECT_GT(work["paired"]["ratio"].get<double>(), 1.5);
  EXPECT_GE(work["paired"]["pairs"].get<int>(), 10);
  EXPECT_EQ(json["settlement"]["identical_builds"], false);
  EXPECT_EQ(json["settlement"]["benchmarks"], 1);
  EXPECT_NE(settled.err.find("Settled 1 benchmark by "), std::string::npos) << settled.err;

  // A run made slow by its environment, with the baseline's build: the pairs find no change.
  ASSERT_EQ(benchctl({"ab", "scaled.yaml", "--a", "base", "--b", "base", "--pairs", "2"}).exit_code,
            2)
      << "one build named twice";
  fs::create_directories(dir_ / "build-a");
  fs::copy_file(test_plugin_dir("scaled") / "benchctl_scaled.so",
                dir_ / "build-a" / "benchctl_scaled.so");
  ASSERT_EQ(run("build-a", {}, "2.0").exit_code, 0);
  const CliResult machine = benchctl({"compare", "base", "latest", "--format", "json"});
  EXPECT_EQ(machine.exit_code, 0) << machine.out << machine.err;
  const auto again = nlohmann::json::parse(machine.out);
  EXPECT_EQ(again["settlement"]["identical_builds"], true);
  EXPECT_EQ(again["benchmarks"][0]["paired"]["verdict"], "no change") << again;
  // The first settling's A/B was runs 3 and 4: not `latest`.
  EXPECT_EQ(again["current"]["run"], 5);
}

TEST_F(Builds, ARunWithoutABuildIsSaidSoAndAlwaysRefusesIt) {
  ASSERT_EQ(run("build-a").exit_code, 0);
  const CliResult exported = benchctl({"export", "1", "--format", "gbench"});
  ASSERT_EQ(exported.exit_code, 0);
  dir_.write("gbench.json", exported.out);
  ASSERT_EQ(benchctl({"import", "gbench.json"}).exit_code, 0);

  const CliResult automatic = benchctl({"compare", "2", "1", "--fail-on", "inconclusive"});
  EXPECT_NE(automatic.out.find("not settled by pairs: run 2 has no build"), std::string::npos)
      << automatic.out << automatic.err;
  const std::string runs = benchctl({"runs"}).out;
  for (const std::vector<std::string>& refused :
       {std::vector<std::string>{"compare", "2", "1", "--resolve", "always"},
        {"ab", "scaled.yaml", "--a", "2", "--b", "1"},
        {"ab", "scaled.yaml", "--a", "nosuch", "--b", "1"},
        {"compare", "2", "1", "--resolve", "sometimes"},
        {"compare", "2", "1", "--resolve", "never", "--confirm-with", "build-a"}}) {
    const CliResult result = benchctl(refused);
    EXPECT_EQ(result.exit_code, 2) << refused[1] << " " << result.out << result.err;
    EXPECT_EQ(lines_of(result.err).size(), 1u) << result.err;
  }
  EXPECT_EQ(benchctl({"runs"}).out, runs) << "nothing was stored";
}

TEST_F(Builds, RetentionKeepsABaselinesBuildAndSaysWhatItDeleted) {
  ASSERT_EQ(run("build-a", {"--save-baseline", "base"}).exit_code, 0);
  ASSERT_EQ(run("build-b").exit_code, 0);
  ASSERT_EQ(run("build-a").exit_code, 0);
  execute("UPDATE runs SET started_at = '2020-01-01T00:00:00Z' WHERE id IN (1, 2)");
  for (const char* days : {"0", "x"})
    EXPECT_EQ(benchctl({"maintain", "--retain-builds", days}).exit_code, 2) << days;
  const CliResult kept = benchctl({"maintain", "--retain-builds", "30"});
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_NE(kept.out.find("Deleted 1 stored plugin file"), std::string::npos) << kept.out;
  EXPECT_EQ(count("SELECT count(*) FROM build_files"), 1);

  const CliResult gone = benchctl({"ab", "scaled.yaml", "--a", "2", "--b", "base"});
  EXPECT_EQ(gone.exit_code, 2) << gone.out;
  EXPECT_NE(gone.err.find("is no longer stored"), std::string::npos) << gone.err;
  EXPECT_EQ(lines_of(gone.err).size(), 1u) << gone.err;
  const CliResult settled = benchctl({"compare", "2", "3", "--resolve", "always"});
  EXPECT_EQ(settled.exit_code, 2) << settled.out;
  EXPECT_NE(settled.err.find("run 2's build was deleted by `maintain --retain-builds`"),
            std::string::npos)
      << settled.err;
}

TEST_F(Builds, AStoredBuildThisBenchctlCannotLoadIsRefused) {
  ASSERT_EQ(run("build-a").exit_code, 0);
  execute("UPDATE run_plugins SET abi = '0.9'");
  const CliResult refused =
      benchctl({"ab", "scaled.yaml", "--a", "1", "--b", (dir_ / "build-b").string()});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  EXPECT_NE(refused.err.find("run 1's stored build of plugin scaled"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("ABI 0.9"), std::string::npos) << refused.err;
}

TEST_F(Builds, AStoredBuildWhoseLibraryIsGoneFailsItsBenchmarksNotTheComparison) {
  dir_.write("needs.yaml",
             "suite: needs\nplugins: [needs_library]\n"
             "defaults: {processes: 2, repetitions: 1, min_time: 1ms, warmup: 0s}\n"
             "benchmarks: [needs_library/step]\n");
  const std::string plugins = test_plugin_dir("needs-library").string();
  ASSERT_EQ(benchctl({"run", "needs.yaml", "--plugin-path", plugins}).exit_code, 0);
  // Written out of the database into the cache, the plugin is without the library beside it.
  const CliResult ab = benchctl(
      {"ab", "needs.yaml", "--a", "1", "--b", plugins, "--pairs", "2", "--format", "json"});
  EXPECT_EQ(ab.exit_code, 3) << ab.out << ab.err;
  const auto json = nlohmann::json::parse(ab.out);
  EXPECT_EQ(json["benchmarks"][0]["standing"], "failed in baseline") << json;
  const auto side_a =
      nlohmann::json::parse(benchctl({"show", std::to_string(json["baseline"]["run"].get<int>()),
                                      "--format", "json", "--fail-on", "none"})
                                .out);
  ASSERT_TRUE(side_a["run"]["results"][0]["reason"].is_string()) << side_a;
  EXPECT_NE(
      side_a["run"]["results"][0]["reason"].get<std::string>().find("libneeds_library_helper.so"),
      std::string::npos)
      << side_a;

  ASSERT_EQ(benchctl({"run", "needs.yaml", "--plugin-path", plugins}).exit_code, 0);
  const CliResult compared = benchctl(
      {"compare", "1", "4", "--resolve", "always", "--format", "json", "--fail-on", "regression"});
  EXPECT_EQ(compared.exit_code, 0) << compared.out << compared.err;
  const auto reading = nlohmann::json::parse(compared.out)["benchmarks"][0];
  // Both sides are written out of the database: whichever ran first failed.
  EXPECT_TRUE(reading["paired"]["missing"].get<std::string>().starts_with("the A/B failed in"))
      << reading;
}

}  // namespace
}  // namespace benchctl::testing
