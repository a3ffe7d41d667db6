// A fleet of runners on one PostgreSQL database, end to end with the real binary: eight runners
// writing at once, a runner killed mid-run, pushing a local database twice, comparing across
// machines, and the server stopped mid-run. Each test has a database of its own on the cluster
// ctest's postgres fixture started; the lost-server test starts a cluster of its own.
#include <gtest/gtest.h>
#include <signal.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <thread>

#include "../unit/scratch_postgres.h"
#include "cli_harness.h"

namespace benchctl::testing {
namespace {

using namespace std::chrono_literals;

// A Google Benchmark JSON output of one process, from machine `host`.
std::string gbench_output(const std::string& host, double nanoseconds) {
  nlohmann::json output = {{"context",
                            {{"date", "2026-11-26T10:00:00+00:00"},
                             {"host_name", host},
                             {"num_cpus", 2},
                             {"library_build_type", "release"}}},
                           {"benchmarks", nlohmann::json::array()}};
  output["benchmarks"].push_back({{"name", "fleet/work"},
                                  {"run_name", "fleet/work"},
                                  {"run_type", "iteration"},
                                  {"iterations", 1000},
                                  {"real_time", nanoseconds},
                                  {"cpu_time", nanoseconds},
                                  {"time_unit", "ns"}});
  return output.dump();
}

class Fleet : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = database_.create(::testing::UnitTest::GetInstance()->current_test_info()->name());
    dir_.write("fleet.yaml",
               "suite: fleet\nplugins: [scaled]\n"
               "defaults: {processes: 2, repetitions: 2, min_time: 5ms, warmup: 0s}\n"
               "benchmarks: ['scaled/*']\n");
  }

  CliResult benchctl(std::vector<std::string> args,
                     const std::vector<std::string>& environment = {}) {
    if (args.front() == "run")
      args.insert(args.end(), {"--plugin-path", test_plugin_dir("scaled").string()});
    if (std::find(args.begin(), args.end(), "--db") == args.end())
      args.insert(args.end(), {"--db", url_});
    return run_benchctl(args, dir_.path(), environment);
  }

  nlohmann::json run_json(int id) {
    const CliResult shown =
        benchctl({"show", std::to_string(id), "--format", "json", "--fail-on", "none"});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    return nlohmann::json::parse(shown.out)["run"];
  }

  ScratchPostgres database_;
  std::string url_;
  TempDirectory dir_;
};

TEST_F(Fleet, EightRunnersWritingAtOnceAllCompleteWithExactCounts) {
  std::vector<std::future<CliResult>> runners;
  for (int runner = 0; runner < 8; ++runner) {
    runners.push_back(std::async(std::launch::async, [this, runner] {
      return benchctl({"run", "fleet.yaml", "--label", fmt::format("runner {}", runner),
                       "--fail-on", "failure"});
    }));
  }
  for (auto& runner : runners) {
    const CliResult result = runner.get();
    EXPECT_EQ(result.exit_code, 0) << result.err;
  }
  const CliResult runs = benchctl({"runs", "--limit", "100"});
  EXPECT_EQ(lines_of(runs.out).size(), 2u + 8u) << runs.out;  // the header, its rule, 8 runs
  for (int id = 1; id <= 8; ++id) {
    const nlohmann::json run = run_json(id);
    EXPECT_EQ(run["status"], "complete");
    for (const auto& result : run["results"]) {
      EXPECT_EQ(result["processes"], 2) << result.dump();
      EXPECT_EQ(result["samples"], 4) << result.dump();
    }
  }
}

TEST_F(Fleet, ARunnerKilledMidRunIsMarkedIncompleteAndEveryOtherRunIsIntact) {
  ASSERT_EQ(benchctl({"run", "fleet.yaml", "--fail-on", "failure"}).exit_code, 0);
  dir_.write("hang.yaml",
             "suite: hang\nplugins: [faulty]\nschedule: sequential\n"
             "defaults: {processes: 1, repetitions: 1, min_time: 1ms, timeout: 120s}\n"
             "benchmarks: [faulty/ok, faulty/hang]\n");
  const std::string command = fmt::format(
      "cd '{}' && '{}' run hang.yaml --db '{}' --plugin-path '{}' >/dev/null 2>&1 & echo $! > '{}'",
      dir_.path().string(), benchctl_binary().string(), url_, test_plugin_dir("faulty").string(),
      (dir_ / "pid").string());
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::this_thread::sleep_for(100ms);
  pid_t pid = 0;
  std::ifstream(dir_ / "pid") >> pid;
  ASSERT_GT(pid, 0);
  bool hanging = false;  // faulty/ok stored: the runner is inside faulty/hang
  CliResult shown;
  for (int attempt = 0; attempt < 300 && !hanging; ++attempt) {
    std::this_thread::sleep_for(100ms);
    shown = benchctl({"show", "2", "--format", "json", "--fail-on", "none"});
    if (shown.exit_code == 0) {
      const nlohmann::json report = nlohmann::json::parse(shown.out);
      for (const auto& result : report["run"]["results"])
        hanging = hanging || (result["name"] == "faulty/ok" && result["status"] == "ok");
    }
  }
  ASSERT_TRUE(hanging) << "the run never reached the hanging benchmark: exit " << shown.exit_code
                       << ": " << shown.err << shown.out.substr(0, 3000);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  std::this_thread::sleep_for(1500ms);

  // The next reader marks it: its heartbeat is older than the timeout.
  const CliResult runs = benchctl({"runs"}, {"BENCHCTL_HEARTBEAT_TIMEOUT=1"});
  EXPECT_EQ(runs.exit_code, 0) << runs.err;
  const nlohmann::json killed = run_json(2);
  EXPECT_EQ(killed["status"], "incomplete");
  EXPECT_EQ(killed["results"][0]["status"], "ok") << "what it stored before is kept";
  EXPECT_EQ(killed["results"][1]["status"], "failed");
  const nlohmann::json kept = run_json(1);
  EXPECT_EQ(kept["status"], "complete");
  EXPECT_EQ(kept["results"][0]["samples"], 4);
}

TEST_F(Fleet, PushingALocalDatabaseTwiceStoresEachRunOnce) {
  const std::string local = (dir_ / "local.db").string();
  ASSERT_EQ(benchctl({"run", "fleet.yaml", "--db", local, "--fail-on", "failure"}).exit_code, 0);
  ASSERT_EQ(benchctl({"run", "fleet.yaml", "--db", local, "--fail-on", "failure"}).exit_code, 0);
  const CliResult first = benchctl({"push", "--to", url_, "--db", local});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("Pushed 2 runs to"), std::string::npos) << first.out;
  const CliResult second = benchctl({"push", "--to", url_, "--db", local});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("Pushed 0 runs to"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("2 already there"), std::string::npos) << second.out;
  EXPECT_EQ(lines_of(benchctl({"runs"}).out).size(), 2u + 2u);
  const nlohmann::json pushed = run_json(2);
  EXPECT_EQ(pushed["status"], "complete");
  EXPECT_EQ(pushed["results"][0]["samples"], 4);
  // The central database compares pushed runs like its own.
  EXPECT_EQ(benchctl({"compare", "1", "2", "--fail-on", "none"}).exit_code, 0);
  EXPECT_EQ(benchctl({"push", "--to", "mysql://u@h/db", "--db", local}).exit_code, 2);
}

// A baseline's build is data of the fleet's database: a runner that never had the build's
// directory (another cache, the directory gone) measures it again by pairs.
TEST_F(Fleet, ABuildOneRunnerPushedIsMeasuredByAnother) {
  BENCHCTL_SKIP_IF_TIMINGS_DISTORTED();
  const std::filesystem::path build = dir_ / "runner-1-build";
  std::filesystem::create_directories(build);
  std::filesystem::copy_file(test_plugin_dir("scaled") / "benchctl_scaled.so",
                             build / "benchctl_scaled.so");
  const std::string local = (dir_ / "runner-1.db").string();
  ASSERT_EQ(run_benchctl({"run", "fleet.yaml", "--db", local, "--plugin-path", build.string()},
                         dir_.path(), {"BENCHCTL_CACHE_DIR=" + (dir_ / "cache-1").string()})
                .exit_code,
            0);
  ASSERT_EQ(benchctl({"push", "--to", url_, "--db", local}).exit_code, 0);
  ASSERT_EQ(benchctl({"baseline", "save", "fleet-base", "--run", "1"}).exit_code, 0);
  std::filesystem::remove_all(build);

  const CliResult ab = benchctl(
      {"ab", "fleet.yaml", "--a", "fleet-base", "--b", test_plugin_dir("scaled-slow").string(),
       "--filter", "work", "--pairs", "10", "--format", "json"},
      {"BENCHCTL_CACHE_DIR=" + (dir_ / "cache-2").string()});
  EXPECT_EQ(ab.exit_code, 1) << ab.out << ab.err;
  const auto json = nlohmann::json::parse(ab.out);
  EXPECT_EQ(json["benchmarks"][0]["verdict"], "regression") << json;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "cache-2" / "builds")) << "written out of PostgreSQL";
}

TEST_F(Fleet, ComparingAcrossMachinesWarnsAndRefusesToGateUnlessAsked) {
  for (const char* host : {"runner-a", "runner-b"}) {
    const std::string file = std::string(host) + ".json";
    dir_.write(file, gbench_output(host, 1000));
    ASSERT_EQ(benchctl({"import", file, "--suite", "fleet"}).exit_code, 0);
  }
  const CliResult refused = benchctl({"compare", "1", "2"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.out.find("ACROSS MACHINES"), std::string::npos) << refused.out;
  EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  EXPECT_NE(refused.err.find("--cross-machine"), std::string::npos) << refused.err;
  const CliResult allowed = benchctl({"compare", "1", "2", "--cross-machine"});
  EXPECT_NE(allowed.exit_code, 2) << allowed.err;
  const CliResult machine = benchctl({"runs", "--machine", "runner-b"});
  EXPECT_EQ(lines_of(machine.out).size(), 3u) << machine.out;
}

TEST_F(Fleet, AServerStoppedMidRunEndsTheRunnerWithExit4AndOneLine) {
  // A cluster of its own, halted while the runner measures its second of four benchmarks.
  const std::string cluster =
      (std::filesystem::temp_directory_path() / fmt::format("benchctl-lost-{}", ::getpid()))
          .string();
  const std::string script = (source_dir() / "ci/postgres-cluster.sh").string();
  ASSERT_EQ(std::system(fmt::format("'{}' start '{}'", script, cluster).c_str()), 0);
  std::string url;
  std::ifstream(cluster + "/url") >> url;
  dir_.write("slow.yaml",
             "suite: slow\nplugins: [scaled]\nschedule: sequential\n"
             "defaults: {processes: 4, repetitions: 1, min_time: 250ms, warmup: 0s}\n"
             "benchmarks: ['scaled/*']\n");
  auto runner = std::async(std::launch::async, [&] {
    return benchctl({"run", "slow.yaml", "--db", url});
  });
  // Halted once the first benchmark is stored: the runner is then measuring the second. (A fixed
  // wait could fall before the run began on a loaded machine.)
  bool measuring = false;
  for (int attempt = 0; attempt < 600 && !measuring; ++attempt) {
    std::this_thread::sleep_for(100ms);
    const CliResult shown =
        benchctl({"show", "1", "--format", "json", "--fail-on", "none", "--db", url});
    if (shown.exit_code == 0)
      measuring = !nlohmann::json::parse(shown.out)["run"]["results"].empty();
  }
  ASSERT_TRUE(measuring) << "the run never stored its first benchmark";
  ASSERT_EQ(std::system(fmt::format("'{}' halt '{}'", script, cluster).c_str()), 0);
  const CliResult lost = runner.get();
  EXPECT_EQ(lost.exit_code, 4) << lost.err;
  EXPECT_EQ(lines_of(lost.err).size(), 1u) << lost.err;
  EXPECT_NE(lost.err.find("run 1"), std::string::npos) << lost.err;

  // Back up: every process a reader sees is whole, and the run is marked incomplete.
  ASSERT_EQ(std::system(fmt::format("'{}' resume '{}'", script, cluster).c_str()), 0);
  const CliResult shown =
      benchctl({"show", "1", "--format", "json", "--fail-on", "none", "--db", url});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  const nlohmann::json run = nlohmann::json::parse(shown.out)["run"];
  EXPECT_EQ(run["status"], "incomplete");
  for (const auto& result : run["results"])
    EXPECT_EQ(result["samples"], result["processes"]) << result.dump();
  std::system(fmt::format("'{}' stop '{}'", script, cluster).c_str());
}

}  // namespace
}  // namespace benchctl::testing
