// Profiles, end to end: the real binary profiles a real plugin under real callgrind and perf,
// against another build whose loop calls one more function (tests/plugins/profiled_plugin.cpp),
// stores the profiles with their runs, and writes them for other tools.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "cli_harness.h"
#include "util/subprocess.h"

namespace benchctl::testing {
namespace {

constexpr const char* kExtraFunction = "unsigned long checksum<script>(unsigned long)";

std::string exported_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Profiles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (BENCHCTL_TEST_UNDER_SANITIZERS)
      GTEST_SKIP() << "valgrind cannot run a sanitized benchctl";
    dir_.write("profiled.yaml", R"(suite: profiled
plugins: [profiled]
defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s}
benchmarks:
  - profiled/*
)");
  }

  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "p.db"});
    return run_benchctl(args, dir_.path());
  }

  CliResult profile(const char* build, std::vector<std::string> args) {
    args.insert(args.begin(), {"profile", "profiled.yaml", "--plugin-path",
                               test_plugin_dir(build).string(), "--time", "0.2"});
    return benchctl(args);
  }

  TempDirectory dir_;
};

TEST_F(Profiles, AgainstTheOtherBuildTheAddedFunctionComesFirst) {
  const CliResult json = profile(
      "profiled-extra",
      {"--filter", "loop", "--against", test_plugin_dir("profiled").string(), "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto report = nlohmann::json::parse(json.out);
  ASSERT_EQ(report["profiles"].size(), 1u);
  const auto& loop = report["profiles"][0];
  EXPECT_EQ(loop["benchmark"], "profiled/loop");
  EXPECT_EQ(loop["tool"], "callgrind");
  EXPECT_EQ(loop["event"], "Ir");
  ASSERT_FALSE(loop["changes"].empty());
  EXPECT_EQ(loop["changes"][0]["function"], kExtraFunction);
  EXPECT_EQ(loop["changes"][0]["self_a"], 0.0);
  // Some 50 steps of about five instructions against some 5,000: 3 to 8% more.
  const double added =
      loop["per_iteration"].get<double>() / loop["against"]["per_iteration"].get<double>();
  EXPECT_GT(added, 1.03);
  EXPECT_LT(added, 1.08);
  // Stacks start at the benchmark's own function: Google Benchmark's are cut.
  for (const auto& stack : loop["stacks"]) {
    const std::string root = stack["frames"][0];
    EXPECT_TRUE(root.find("BM_Loop(benchmark::State&)") != std::string::npos ||
                root == "[Google Benchmark]" || root == "[outside the benchmark]")
        << root;
  }
  EXPECT_EQ(loop["note"], "");

  const CliResult table = profile(
      "profiled-extra", {"--filter", "loop", "--against", test_plugin_dir("profiled").string()});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  const auto lines = lines_of(table.out);
  ASSERT_GE(lines.size(), 3u) << table.out;
  EXPECT_NE(lines[0].find("profiled/loop: the plugins as built now against "), std::string::npos)
      << lines[0];
  EXPECT_EQ(lines[3].rfind(kExtraFunction, 0), 0u) << table.out;
}

TEST_F(Profiles, ARunsProfileIsStoredWithItAndExportedForOtherTools) {
  const CliResult run =
      benchctl({"run", "profiled.yaml", "--plugin-path", test_plugin_dir("profiled").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const CliResult profiled = benchctl({"profile", "latest", "--filter", "steady", "--time", "0.2",
                                       "--export", "exported", "--format", "csv"});
  ASSERT_EQ(profiled.exit_code, 0) << profiled.err;
  EXPECT_EQ(lines_of(profiled.out).at(0), "benchmark,function,self,total");
  EXPECT_NE(profiled.out.find("profiled/steady,\"steps(unsigned long, int)\","), std::string::npos)
      << profiled.out;

  const CliResult stored = benchctl({"profile", "1", "--stored", "--format", "json"});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  const auto report = nlohmann::json::parse(stored.out);
  ASSERT_EQ(report["profiles"].size(), 1u);
  EXPECT_EQ(report["profiles"][0]["run_id"], 1);
  EXPECT_EQ(report["profiles"][0]["benchmark"], "profiled/steady");
  EXPECT_EQ(report["profiles"][0]["build"], "run 1's stored build");

  // Folded stacks for flame graph tools, callgrind's format for KCachegrind: valgrind's own
  // callgrind_annotate reads it.
  const std::string folded = exported_text(dir_ / "exported/profiled_steady.folded");
  EXPECT_NE(folded.find("BM_Steady(benchmark::State&);steps(unsigned long, int) "),
            std::string::npos)
      << folded;
  util::ChildSpec annotate;
  annotate.argv = {"callgrind_annotate", (dir_ / "exported/profiled_steady.callgrind").string()};
  const util::ChildExit annotated = util::run_child(annotate);
  EXPECT_TRUE(annotated.succeeded()) << annotated.describe() << annotated.output_tail;
  EXPECT_NE(annotated.output_tail.find("steps(unsigned long, int)"), std::string::npos)
      << annotated.output_tail;
}

TEST_F(Profiles, AStrippedPluginIsProfiledWithAddressesAndANote) {
  const CliResult profiled = profile("profiled-stripped", {"--filter", "loop"});
  ASSERT_EQ(profiled.exit_code, 0) << profiled.err;
  EXPECT_NE(profiled.out.find("note: benchctl_profiled_stripped.so is stripped: its own functions "
                              "show as addresses"),
            std::string::npos)
      << profiled.out;
  // The loop's own function, an address in the plugin's file, is still the stacks' root.
  const CliResult json = profile("profiled-stripped", {"--filter", "loop", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto report = nlohmann::json::parse(json.out);
  double in_plugin = 0, total = 0;
  for (const auto& stack : report["profiles"][0]["stacks"]) {
    const std::string root = stack["frames"][0];
    total += stack["cost"].get<double>();
    if (root.starts_with("0x") && root.ends_with(" (benchctl_profiled_stripped.so)"))
      in_plugin += stack["cost"].get<double>();
  }
  EXPECT_GT(in_plugin, 0.95 * total) << report.dump();
}

TEST_F(Profiles, PerfSamplesTheLoopWhereTheMachineAllowsIt) {
  const CliResult profiled =
      profile("profiled", {"--filter", "loop", "--with", "perf", "--format", "json"});
  ASSERT_EQ(profiled.exit_code, 0) << profiled.err;
  const auto report = nlohmann::json::parse(profiled.out);
  const auto& loop = report["profiles"][0];
  if (!profiled.err.empty()) {
    // This machine forbids perf: said in one line, and callgrind profiled instead.
    EXPECT_EQ(lines_of(profiled.err).size(), 1u) << profiled.err;
    EXPECT_NE(profiled.err.find("perf cannot profile here"), std::string::npos) << profiled.err;
    EXPECT_EQ(loop["tool"], "callgrind");
    return;
  }
  EXPECT_EQ(loop["tool"], "perf");
  EXPECT_EQ(loop["event"], "ns");
  std::vector<std::string> functions;
  for (const auto& f : loop["functions"])
    functions.push_back(f["function"]);
  EXPECT_NE(std::find(functions.begin(), functions.end(), "steps(unsigned long, int)"),
            functions.end())
      << loop["functions"].dump();
}

// Where perf cannot run (here: a perf that fails, first on the PATH), callgrind profiles instead,
// and stderr says so in one line.
TEST_F(Profiles, WithoutPerfCallgrindProfilesAndSaysSo) {
  dir_.write("bin/perf", "#!/bin/sh\nexit 1\n");
  std::filesystem::permissions(dir_ / "bin/perf", std::filesystem::perms::owner_all);
  const CliResult profiled = run_benchctl(
      {"profile", "profiled.yaml", "--plugin-path", test_plugin_dir("profiled").string(), "--time",
       "0.1", "--with", "perf", "--format", "json", "--db", "p.db"},
      dir_.path(), {"PATH=" + (dir_ / "bin").string() + ":" + std::getenv("PATH")});
  ASSERT_EQ(profiled.exit_code, 0) << profiled.err;
  EXPECT_EQ(profiled.err,
            "benchctl: profile --with: perf cannot profile here: perf is missing or does not run "
            "(Debian's linux-perf installs it); using callgrind\n");
  EXPECT_EQ(nlohmann::json::parse(profiled.out)["profiles"][0]["tool"], "callgrind");
}

TEST_F(Profiles, ConfirmedRegressionsAreProfiledByCompare) {
  // CPU time: ctest's neighbours may keep a side waiting for a CPU, and wall time measured so
  // convicts nothing.
  dir_.write("scaled.yaml", R"(suite: scaled
plugins: [scaled]
defaults: {processes: 3, repetitions: 3, min_time: 20ms, warmup: 0s}
policy: {time: cpu}
benchmarks:
  - scaled/work
)");
  for (const char* build : {"scaled", "scaled-slow"}) {
    const CliResult run =
        benchctl({"run", "scaled.yaml", "--plugin-path", test_plugin_dir(build).string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  const CliResult compared =
      benchctl({"compare", "1", "2", "--resolve", "never", "--profile", "--format", "json"});
  ASSERT_EQ(compared.exit_code, 1) << compared.err << compared.out;
  const auto report = nlohmann::json::parse(compared.out);
  ASSERT_EQ(report["profiles"].size(), 1u) << report.dump();
  const auto& profile = report["profiles"][0];
  EXPECT_EQ(profile["benchmark"], "scaled/work");
  EXPECT_EQ(profile["build"], "run 2's stored build");
  EXPECT_EQ(profile["against"]["build"], "run 1's stored build");
  EXPECT_GT(profile["per_iteration"].get<double>(),
            1.5 * profile["against"]["per_iteration"].get<double>());
  const CliResult stored = benchctl({"profile", "2", "--stored"});
  EXPECT_EQ(stored.exit_code, 0) << stored.err;
}

TEST_F(Profiles, BadRequestsGetOneLineAndExit2) {
  const std::string plugins = test_plugin_dir("profiled").string();
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"profile", "profiled.yaml", "--plugin-path", plugins, "--with", "gprof"},
       "profile --with 'gprof': expected callgrind or perf"},
      {{"profile", "profiled.yaml", "--plugin-path", plugins, "--time", "0"},
       "profile --time 0: expected seconds in (0, 600]"},
      {{"profile", "profiled.yaml", "--plugin-path", plugins, "--top", "0"},
       "profile --top 0: expected at least one function"},
      {{"profile", "profiled.yaml", "--plugin-path", plugins, "--filter", "nothing"},
       "--filter 'nothing' selects none of the suite's 2 benchmarks"},
      {{"profile", "profiled.yaml", "--plugin-path", plugins, "--against", "no/such/dir"},
       "--against no/such/dir"},
      {{"profile", "profiled.yaml", "--stored"},
       "profile --stored: expected a stored run, not a suite file"},
      {{"profile", "1", "--stored", "--against", plugins}, "profile --stored shows what is stored"},
      {{"profile", "profiled.yaml", "--plugin-path", plugins, "--format", "pdf"}, "pdf"},
      {{"compare", "1", "--profile-with", "perf"}, "--profile-with goes with --profile"},
      {{"profile"}, "profile: give a suite file or a stored run, or --alert ID"},
      {{"profile", "profiled.yaml", "--alert", "1"},
       "profile: give a suite file or a stored run, or --alert ID"},
      {{"profile", "--alert", "1", "--against", plugins}, "no --against or --stored"},
  };
  for (const auto& [args, message] : cases) {
    const CliResult refused = benchctl(args);
    EXPECT_EQ(refused.exit_code, 2) << args.at(1) << ": " << refused.err;
    EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
    EXPECT_NE(refused.err.find(message), std::string::npos) << refused.err;
  }
  // A stored run without profiles, or without a build (imported).
  ASSERT_EQ(benchctl({"run", "profiled.yaml", "--plugin-path", plugins}).exit_code, 0);
  const CliResult none = benchctl({"profile", "1", "--stored"});
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("run 1 has no stored profile"), std::string::npos) << none.err;
  dir_.write("imported.json", R"({"context": {"date": "2026-12-04T10:00:00+00:00",
    "host_name": "h", "num_cpus": 2, "library_build_type": "release"}, "benchmarks": [{"name":
    "profiled/loop", "run_name": "profiled/loop", "run_type": "iteration", "iterations": 10,
    "real_time": 5, "cpu_time": 5, "time_unit": "us"}]})");
  ASSERT_EQ(benchctl({"import", "--suite", "imported", "imported.json"}).exit_code, 0);
  const CliResult imported = benchctl({"profile", "latest"});
  EXPECT_EQ(imported.exit_code, 2) << imported.err;
  EXPECT_NE(imported.err.find("has no build"), std::string::npos) << imported.err;
  // Everything stored is still there.
  EXPECT_EQ(benchctl({"show", "1"}).exit_code, 0);
}

}  // namespace
}  // namespace benchctl::testing
