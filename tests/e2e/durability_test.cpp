// Nothing stored is lost to SIGKILL or to two benchctl processes writing one database.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <thread>

#include "cli_harness.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace benchctl::testing {
namespace {

using namespace std::chrono_literals;

const std::string kSmoke = (source_dir() / "suites/smoke.yaml").string();

bool process_alive_with(const std::string& needle) {
  return !processes_with({needle}).empty();
}

TEST(Durability, SigkillMidRunLeavesEarlierRunsIntactAndMarksItsOwnIncomplete) {
  TempDirectory dir;
  const std::string db = (dir / "runs.db").string();
  // --fail-on=failure: the exit code says the run completed, whatever the time budgets say.
  ASSERT_EQ(
      run_benchctl({"run", kSmoke, "--filter", "uuid", "--db", db, "--fail-on=failure"}, dir.path())
          .exit_code,
      0);
  const std::string before = run_benchctl({"show", "1", "--db", db}, dir.path()).out;

  // A private copy of the faulty plugin, so that its hanging worker can be found by its path.
  const auto plugins = dir / "plugins";
  std::filesystem::create_directories(plugins);
  std::filesystem::copy_file(test_plugin_dir("faulty") / "benchctl_faulty.so",
                             plugins / "benchctl_faulty.so");
  dir.write("hang.yaml",
            "suite: hang\nplugins: [faulty]\nschedule: sequential\n"
            "defaults: {processes: 2, repetitions: 1, min_time: 1ms, timeout: 120s}\n"
            "benchmarks: [faulty/ok, faulty/hang]\n");
  const std::string command = "cd '" + dir.path().string() + "' && '" + benchctl_binary().string() +
                              "' run hang.yaml --db runs.db --plugin-path '" + plugins.string() +
                              "' >/dev/null 2>&1 & echo $! > '" + (dir / "pid").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::this_thread::sleep_for(100ms);
  pid_t pid = 0;
  std::ifstream(dir / "pid") >> pid;
  ASSERT_GT(pid, 0);

  // Wait until the run is inside the hanging benchmark, with the first benchmark stored (every
  // result row exists from the start: the first one's status tells that it is done).
  bool hanging = false;
  for (int attempt = 0; attempt < 600 && !hanging; ++attempt) {
    std::this_thread::sleep_for(50ms);
    store::Database database(db);
    store::Statement query = database.prepare(
        "SELECT count(*) FROM results WHERE run_id = 2 AND name = 'faulty/ok' AND status = 'ok'");
    query.step();
    hanging = query.int64(0) == 1;
  }
  ASSERT_TRUE(hanging) << "the run never reached the hanging benchmark";
  bool worker_started = false;
  for (int attempt = 0; attempt < 200 && !worker_started; ++attempt) {
    worker_started = process_alive_with((plugins / "benchctl_faulty.so").string());
    if (!worker_started)
      std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(worker_started);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);

  // The worker dies with its parent.
  bool worker_gone = false;
  for (int attempt = 0; attempt < 100 && !worker_gone; ++attempt) {
    std::this_thread::sleep_for(50ms);
    worker_gone = !process_alive_with((plugins / "benchctl_faulty.so").string());
  }
  EXPECT_TRUE(worker_gone);

  {
    store::Database database(db);
    store::Statement check = database.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.text(0), "ok");
  }
  const CliResult runs = run_benchctl({"runs", "--db", db}, dir.path());
  ASSERT_EQ(runs.exit_code, 0);
  const auto lines = lines_of(runs.out);
  ASSERT_EQ(lines.size(), 4u) << runs.out;
  EXPECT_NE(lines[2].find("incomplete"), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find("complete"), std::string::npos) << lines[3];
  EXPECT_EQ(run_benchctl({"show", "1", "--db", db}, dir.path()).out, before);

  auto store = store::open_sqlite_store(db);
  const store::RunRecord killed = store->load_run(2);
  ASSERT_EQ(killed.results.size(), 2u);
  EXPECT_EQ(killed.results[0].status, store::ResultStatus::ok);
  EXPECT_EQ(killed.results[0].processes.size(), 2u) << "what was measured before the kill is kept";
  EXPECT_EQ(killed.results[1].status, store::ResultStatus::failed);
}

pid_t find_process_with(const std::string& needle) {
  const std::vector<int> found = processes_with({needle});
  return found.empty() ? 0 : static_cast<pid_t>(found.front());
}

TEST(Durability, InterruptingARunKillsItsWorkerAndStoresTheRunAsInterrupted) {
  TempDirectory dir;
  const auto plugins = dir / "plugins";
  std::filesystem::create_directories(plugins);
  std::filesystem::copy_file(test_plugin_dir("faulty") / "benchctl_faulty.so",
                             plugins / "benchctl_faulty.so");
  const auto suite =
      dir.write("interrupt-me.yaml",
                "suite: interrupted\nplugins: [faulty]\n"
                "defaults: {processes: 1, repetitions: 1, min_time: 1ms, timeout: 60s}\n"
                "benchmarks: [faulty/ok, faulty/hang]\n");
  auto run = std::async(std::launch::async, [&] {
    return run_benchctl(
        {"run", suite.string(), "--db", "runs.db", "--plugin-path", plugins.string()}, dir.path());
  });
  const std::string worker = (plugins / "benchctl_faulty.so").string() + '\0' + "faulty/hang";
  pid_t parent = 0;
  for (int attempt = 0; attempt < 1500 && (parent == 0 || find_process_with(worker) == 0);
       ++attempt) {
    std::this_thread::sleep_for(20ms);
    parent = find_process_with(suite.string());
  }
  if (find_process_with(worker) == 0 || parent == 0) {
    // Not found within 30 s: end the run now rather than wait out the hang's timeout, so that
    // the failure is reported instead of the test timing out silently.
    if (parent != 0)
      ::kill(parent, SIGKILL);
    if (const pid_t hanging = find_process_with(worker))
      ::kill(hanging, SIGKILL);
    FAIL() << "the hanging worker never started (benchctl " << parent << ")";
  }
  ASSERT_EQ(::kill(parent, SIGINT), 0);
  const CliResult result = run.get();
  EXPECT_EQ(result.exit_code, 130);
  EXPECT_NE(result.err.find("benchctl: interrupted; the run is stored as interrupted"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(find_process_with(worker), 0) << "the worker was killed";

  auto store = store::open_sqlite_store(dir / "runs.db");
  const store::RunRecord stored = store->load_run(1);
  EXPECT_EQ(stored.status, store::RunStatus::interrupted);
  ASSERT_EQ(stored.results.size(), 2u);
  EXPECT_EQ(stored.results[0].status, store::ResultStatus::ok);
  EXPECT_EQ(stored.results[1].reason, "interrupted by the user");
}

TEST(Durability, TwoConcurrentRunsOnOneDatabaseBothComplete) {
  TempDirectory dir;
  const std::string db = (dir / "shared.db").string();
  auto run = [&] {
    return run_benchctl(
        {"run", kSmoke, "--filter", "uuid|calculator|version", "--db", db, "--fail-on=failure"},
        dir.path());
  };
  auto first = std::async(std::launch::async, run);
  auto second = std::async(std::launch::async, run);
  const CliResult a = first.get();
  const CliResult b = second.get();
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;

  auto store = store::open_sqlite_store(db);
  const auto runs = store->list_runs(10);
  ASSERT_EQ(runs.size(), 2u);
  for (const auto& listed : runs) {
    const store::RunRecord stored = store->load_run(listed.id);
    EXPECT_EQ(stored.status, store::RunStatus::complete);
    ASSERT_EQ(stored.results.size(), 3u);
    for (const auto& result : stored.results) {
      EXPECT_EQ(result.status, store::ResultStatus::ok) << result.name << ": " << result.reason;
      EXPECT_FALSE(result.processes.empty());
    }
  }
}

}  // namespace
}  // namespace benchctl::testing
