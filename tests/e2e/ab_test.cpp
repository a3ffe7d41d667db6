// benchctl ab end to end: two builds of the scaled test plugin side by side.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

class Ab : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("scaled.yaml",
               "suite: scaled\nplugins: [scaled]\n"
               "defaults: {processes: 10, repetitions: 2, min_time: 5ms, warmup: 2ms}\n"
               "policy: {time: cpu}\n"
               "benchmarks: [scaled/*]\n");
  }

  CliResult ab(const std::string& a, const std::string& b, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"ab",        "scaled.yaml", "--a",   a,           "--b",
                                     b,           "--db",        "ab.db", "--label-a", "before",
                                     "--label-b", "after"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_benchctl(args, dir_.path());
  }

  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "ab.db"});
    return run_benchctl(args, dir_.path());
  }

  TempDirectory dir_;
  const std::string scaled_ = test_plugin_dir("scaled").string();
  const std::string slow_ = test_plugin_dir("scaled-slow").string();
  const std::string crash_ = test_plugin_dir("scaled-crash").string();
};

TEST_F(Ab, TwoBuildsAreStoredAsALinkedPairAndComparedPairByPair) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  const CliResult result = ab(scaled_, slow_, {"--pairs", "12", "--format", "json"});
  EXPECT_EQ(result.exit_code, 1) << result.err << result.out;  // a 50% regression, gated
  EXPECT_NE(result.err.find("Stored as runs 1 (before) and 2 (after)"), std::string::npos)
      << result.err;
  const auto json = nlohmann::json::parse(result.out);
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& b : json["benchmarks"])
    by_name[b["name"]] = b;
  EXPECT_EQ(by_name["scaled/work"]["verdict"], "regression");
  EXPECT_NEAR(by_name["scaled/work"]["ratio"].get<double>(), 2.0, 0.3);
  EXPECT_EQ(by_name["scaled/work"]["pairs"], 12);
  EXPECT_NE(by_name["scaled/steady"]["verdict"], "regression") << "the same code in both builds";
  bool listed = false;
  for (const auto& note : json["notes"])
    listed |= note.get<std::string>() == "only build B (after) has: scaled/extra";
  EXPECT_TRUE(listed) << json["notes"];

  // The pair is two ordinary runs, and compare knows they are paired.
  EXPECT_EQ(benchctl({"show", "1"}).exit_code, 0);
  const CliResult compared = benchctl({"compare", "1", "2"});
  EXPECT_NE(compared.out.find("paired A/B"), std::string::npos) << compared.out;
  EXPECT_NE(compared.out.find("12 pairs"), std::string::npos) << compared.out;
  EXPECT_EQ(benchctl({"export", "2", "--format", "gbench"}).exit_code, 0);
}

TEST_F(Ab, IdenticalBuildsAreNotAChange) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  const std::filesystem::path copy = dir_ / "copy";
  std::filesystem::create_directories(copy);
  std::filesystem::copy_file(std::filesystem::path(scaled_) / "benchctl_scaled.so",
                             copy / "benchctl_scaled.so");
  const CliResult same = ab(scaled_, copy.string(), {"--pairs", "12", "--filter", "work"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_EQ(same.out.find("❌ regression"), std::string::npos) << same.out;
  EXPECT_NE(same.out.find("12 pairs"), std::string::npos) << same.out;
}

TEST_F(Ab, ACrashInOneBuildFailsThatBenchmarkOnlyAndNamesTheSide) {
  const CliResult result = ab(scaled_, crash_, {"--pairs", "4", "--format", "json"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  const auto json = nlohmann::json::parse(result.out);
  for (const auto& b : json["benchmarks"]) {
    if (b["name"] == "scaled/steady")
      EXPECT_EQ(b["standing"], "failed in current") << b;
    else
      EXPECT_EQ(b["standing"], "compared") << b;
  }
  const auto shown = nlohmann::json::parse(benchctl({"show", "2", "--format", "json"}).out);
  bool named = false;
  for (const auto& r : shown["run"]["results"]) {
    if (r["name"] == "scaled/steady")
      named = r["reason"].get<std::string>().find("SIGSEGV") != std::string::npos;
  }
  EXPECT_TRUE(named) << shown;
}

TEST_F(Ab, ConfirmWithKeepsOnlyRealChangesFailing) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  // Each scenario in its own database, so that neither is the other's history.
  auto run = [&](const std::string& db, const std::string& plugins, const std::string& scale) {
    return run_benchctl(
        {"run", "scaled.yaml", "--filter", "work", "--db", db, "--plugin-path", plugins},
        dir_.path(), {"BENCHCTL_TEST_SCALE=" + scale});
  };
  auto compare = [&](const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), "compare");
    args.insert(args.end(), {"--db", db});
    return run_benchctl(args, dir_.path());
  };

  // The same build, made slower by the environment of one run only: flagged by the stored runs,
  // and found unchanged by pairs of the baseline's build (the directory) and the current one.
  ASSERT_EQ(run("env.db", scaled_, "1.0").exit_code, 0);
  ASSERT_EQ(run("env.db", scaled_, "2.0").exit_code, 0);
  EXPECT_EQ(compare("env.db", {"1", "2", "--resolve", "never"}).exit_code, 1)
      << "flagged without pairs";
  const CliResult unconfirmed = compare("env.db", {"1", "2", "--confirm-with", scaled_});
  EXPECT_EQ(unconfirmed.exit_code, 0) << unconfirmed.out << unconfirmed.err;
  EXPECT_NE(unconfirmed.out.find("❌ regression → by "), std::string::npos) << unconfirmed.out;
  EXPECT_NE(unconfirmed.out.find("pairs: ✅ no change"), std::string::npos) << unconfirmed.out;

  // A build that is really slower: flagged and confirmed by the pairs.
  ASSERT_EQ(run("build.db", scaled_, "1.0").exit_code, 0);
  ASSERT_EQ(run("build.db", slow_, "1.0").exit_code, 0);
  const CliResult confirmed =
      compare("build.db", {"1", "2", "--confirm-with", scaled_, "--format", "json"});
  EXPECT_EQ(confirmed.exit_code, 1) << confirmed.out << confirmed.err;
  const auto json = nlohmann::json::parse(confirmed.out);
  EXPECT_EQ(json["benchmarks"][0]["paired"]["verdict"], "regression");
  EXPECT_GT(json["benchmarks"][0]["paired"]["ratio"].get<double>(), 1.6);

  // --confirm-with needs a build: a bad directory is one line and exit 2, and nothing is stored.
  const std::string runs = run_benchctl({"runs", "--db", "build.db"}, dir_.path()).out;
  const CliResult missing = compare("build.db", {"1", "2", "--confirm-with", "/nonexistent"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(lines_of(missing.err).size(), 1u) << missing.err;
  EXPECT_EQ(run_benchctl({"runs", "--db", "build.db"}, dir_.path()).out, runs) << "nothing stored";
  EXPECT_EQ(run_benchctl({"run", "scaled.yaml", "--db", "build.db", "--plugin-path", scaled_,
                          "--confirm-with", scaled_},
                         dir_.path())
                .exit_code,
            2)
      << "--confirm-with goes with --baseline";
}

TEST_F(Ab, BadInputIsOneLineAndNothingIsStored) {
  const std::filesystem::path empty = dir_ / "empty";
  std::filesystem::create_directories(empty);
  for (const auto& [a, b, extra] :
       std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>{
           {scaled_, scaled_, {}},
           {scaled_, empty.string(), {}},
           {scaled_, (dir_ / "missing").string(), {}},
           {scaled_, test_plugin_dir("future").string(), {}},
           {scaled_, slow_, {"--pairs", "many"}},
           {scaled_, slow_, {"--pairs", "1"}},
           {scaled_, slow_, {"--pairs", "8", "--max-pairs", "9"}},
           {scaled_, slow_, {"--min-pairs", "20", "--max-pairs", "10"}}}) {
    const CliResult refused = ab(a, b, extra);
    EXPECT_EQ(refused.exit_code, 2) << b << " " << refused.out;
    EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "ab.db")) << "nothing was stored";
}

}  // namespace
}  // namespace benchctl::testing
