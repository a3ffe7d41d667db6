#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>

#include "scratch_postgres.h"
#include "store/migrations.h"
#include "store/postgres_module.h"
#include "store/sqlite.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/subprocess.h"

namespace benchctl::store {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("benchctl_store_test_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    path_ = directory_ / "nested" / "runs.db";
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  static NewRun new_run(const std::string& suite) {
    NewRun run;
    run.suite_name = suite;
    run.suite_file = "suites/" + suite + ".yaml";
    run.config_hash = "abc";
    run.config = {{"suite", suite}};
    run.environment = nlohmann::json{{"host", "test"}}.get<store::Environment>();
    run.plugins = {{"tools", "1.0.0", "1.0", "1.7.1", "/p/benchctl_tools.so", {}}};
    return run;
  }

  static ResultSettings two_processes() {
    ResultSettings settings;
    settings.measure.processes = 2;
    return settings;
  }

  static ProcessRecord process(int index, double real) {
    ProcessRecord p;
    p.index = index;
    p.peak_rss_bytes = 1 << 20;
    for (int r = 0; r < 3; ++r) {
      p.samples.push_back({r, 1000, real + r * 1e-3, real, {{"bytes_per_second", 1e9}}, {}});
    }
    return p;
  }

  std::filesystem::path directory_;
  std::filesystem::path path_;
};

// The conformance tests: the same tests on every backend, each on an empty database (a SQLite file,
// or a PostgreSQL database created for the test on the cluster ctest's postgres fixture started).
enum class Backend { sqlite, postgresql };

class StoreConformance : public StoreTest, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (GetParam() == Backend::postgresql)
      url_ = database_.create(::testing::UnitTest::GetInstance()->current_test_info()->name());
  }

  std::unique_ptr<Store> open() const {
    if (GetParam() == Backend::sqlite)
      return open_sqlite_store(path_);
    return open_postgres_store(url_, util::current_executable());
  }

  testing::ScratchPostgres database_;
  std::string url_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const ::testing::TestParamInfo<Backend>& backend) {
                           return backend.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
                         });

TEST_F(StoreTest, CreatesTheDatabaseAtTheNewestSchema) {
  auto store = open_sqlite_store(path_);
  EXPECT_TRUE(std::filesystem::exists(path_));
  Database database(path_);
  EXPECT_EQ(schema_version(database), migrations().back().version);
  Statement mode = database.prepare("PRAGMA journal_mode");
  mode.step();
  EXPECT_EQ(mode.text(0), "wal");
  EXPECT_FALSE(store->latest_run_id());
}

// Turning a new database's journal to WAL needs the file to itself: a runner opening it while
// another is writing it waits, as for any other lock, instead of failing at once (SQLite does not
// call its busy handler there).
TEST_F(StoreTest, OpeningADatabaseAnotherProcessIsWritingWaitsForIt) {
  std::filesystem::create_directories(path_.parent_path());
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto opening = std::async(std::launch::async, [&] { return open_sqlite_store(path_); });
  EXPECT_EQ(opening.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "it waited for the writer";
  sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_FALSE(opening.get()->latest_run_id());
}

TEST_F(StoreTest, AnAlertWhoseStoredEventsAreUnreadableIsAStorageErrorNamingIt) {
  auto store = open_sqlite_store(path_);
  Alert alert;
  alert.suite = "nightly";
  alert.move_to(AlertState::untriaged, "2026-12-01T02:30:00Z", "");
  const auto id = store->save_alert(alert);
  {
    Database database(path_);
    database.exec("UPDATE alerts SET events = '[{\"at\": 1}]'");
  }
  try {
    store->list_alerts({});
    FAIL() << "expected a storage error";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("alert " + std::to_string(id) + ": its stored events"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(StoreTest, ARunGroupWhoseAssignmentIsDamagedIsAStorageErrorNamingIt) {
  auto store = open_sqlite_store(path_);
  RunGroup group;
  group.name = "nightly";
  group.suite = "phase13";
  group.shards = 2;
  group.assignment = {{"a", 1}, {"b", 2}};
  store->claim_run_group(group);
  for (const char* damaged : {"'{\"a\": 3}'", "'[1, 2'"}) {
    {
      Database database(path_);
      database.exec(std::string("UPDATE run_groups SET assignment = ") + damaged);
    }
    try {
      store->find_run_group("nightly");
      FAIL() << "expected a storage error";
    } catch (const StorageError& e) {
      EXPECT_NE(std::string(e.what()).find("run group 'nightly'"), std::string::npos) << e.what();
    }
  }
}

TEST_F(StoreTest, RefusesADatabaseFromANewerBenchctl) {
  open_sqlite_store(path_);
  {
    Database database(path_);
    database.exec("PRAGMA user_version = 999");
  }
  try {
    open_sqlite_store(path_);
    FAIL() << "expected a storage error";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 999, newer than this benchctl's"),
              std::string::npos);
  }
}

TEST_P(StoreConformance, ARunRoundTripsWithEverySample) {
  auto store = open();
  const auto run_id = store->begin_run(new_run("tools"));
  const auto ok = store->begin_result(
      run_id, {"tools/uuid/v4", "tools", ResultKind::benchmark, two_processes()});
  store->add_process(ok, process(0, 0.1));
  ProcessRecord counted = process(1, 0.2);
  counted.samples[0].instructions = 1'234'567'890'123;
  counted.samples[1].cpu_seconds = std::nullopt;
  store->add_process(ok, counted);
  store->finish_result(ok, ResultStatus::ok, "", "");
  const auto bad = store->begin_result(run_id, {"tools/crash", "tools", ResultKind::benchmark, {}});
  store->finish_result(bad, ResultStatus::failed, "killed by SIGSEGV", "last words");
  store->finish_run(run_id, RunStatus::complete);

  const RunRecord run = store->load_run(run_id);
  EXPECT_EQ(run.suite_name, "tools");
  EXPECT_EQ(run.status, RunStatus::complete);
  EXPECT_FALSE(run.finished_at.empty());
  ASSERT_EQ(run.plugins.size(), 1u);
  EXPECT_EQ(run.plugins[0].benchmark_version, "1.7.1");
  ASSERT_EQ(run.results.size(), 2u);
  const ResultRecord& result = run.results[0];
  EXPECT_EQ(result.settings.measure.processes, 2);
  ASSERT_EQ(result.processes.size(), 2u);
  ASSERT_EQ(result.processes[1].samples.size(), 3u);
  EXPECT_DOUBLE_EQ(*result.processes[1].samples[2].real_seconds, 0.202);
  EXPECT_EQ(result.processes[1].samples[2].iterations, 1000);
  EXPECT_DOUBLE_EQ(result.processes[1].samples[2].counters.at("bytes_per_second"), 1e9);
  EXPECT_EQ(result.processes[1].samples[0].instructions, 1'234'567'890'123);
  EXPECT_FALSE(result.processes[1].samples[2].instructions);
  EXPECT_FALSE(result.processes[1].samples[1].cpu_seconds);
  EXPECT_DOUBLE_EQ(*result.processes[1].samples[1].real_seconds, 0.201);
  EXPECT_EQ(result.processes[0].samples.size(), 3u);
  EXPECT_EQ(result.processes[0].peak_rss_bytes, 1 << 20);
  EXPECT_EQ(run.results[1].status, ResultStatus::failed);
  EXPECT_EQ(run.results[1].reason, "killed by SIGSEGV");
  EXPECT_EQ(run.results[1].output_tail, "last words");
  EXPECT_EQ(run.failed_count, 1);
  EXPECT_EQ(store->latest_run_id(), run_id);
}

TEST_P(StoreConformance, ALoadTestRoundTripsWithItsSecondsHistogramsAndTotals) {
  auto store = open();
  const auto run_id = store->begin_run(new_run("load"));
  ResultSettings settings;
  settings.load = LoadSpec{"tools/message", 1000, 10, 2, 4, true, LoadBurst{5000, 3, 4}, 1};
  const auto id = store->begin_result(run_id, {"peak", "tools", ResultKind::load, settings});
  ProcessRecord p;
  p.index = 0;
  LoadRecord& load = p.load.emplace();
  for (int second = 0; second < 3; ++second) {
    p.samples.push_back({second, 2, 0.004, 0.1, {{"sent", 2}, {"backlog", 0}}, {}});
    load.seconds.push_back({{{1000, 1}, {3000 + second, 1}}, 3000u + second});
  }
  load.intended = 7;
  load.sent = 6;
  load.completed = 6;
  load.errors = 1;
  load.late = 2;
  load.dropped = 1;
  load.elapsed = 3.5;
  load.first_error = "queue full";
  load.latency = {{{1000, 3}, {3000, 3}}, 3002};
  load.schedule_error = {{{10, 6}}, 10};
  store->add_process(id, p);
  store->finish_result(id, ResultStatus::ok, "", "");
  store->finish_run(run_id, RunStatus::complete);

  const ResultRecord result = store->load_run(run_id).results.at(0);
  EXPECT_EQ(result.kind, ResultKind::load);
  ASSERT_TRUE(result.settings.load);
  EXPECT_EQ(result.settings.load->operation, "tools/message");
  EXPECT_EQ(result.settings.load->threads, 4);
  EXPECT_TRUE(result.settings.load->poisson);
  ASSERT_TRUE(result.settings.load->burst);
  EXPECT_DOUBLE_EQ(result.settings.load->burst->at, 4);
  ASSERT_EQ(result.processes.size(), 1u);
  const ProcessRecord& back = result.processes[0];
  ASSERT_TRUE(back.load);
  EXPECT_EQ(back.load->seconds, load.seconds);
  EXPECT_EQ(back.load->latency, load.latency);
  EXPECT_EQ(back.load->schedule_error, load.schedule_error);
  EXPECT_EQ(back.load->intended, 7u);
  EXPECT_EQ(back.load->dropped, 1u);
  EXPECT_EQ(back.load->errors, 1u);
  EXPECT_DOUBLE_EQ(back.load->elapsed, 3.5);
  EXPECT_EQ(back.load->first_error, "queue full");
  ASSERT_EQ(back.samples.size(), 3u);
  EXPECT_DOUBLE_EQ(back.samples[1].counters.at("sent"), 2);

  // Pruning the samples takes the seconds' histograms with them and keeps the totals.
  store->maintain({.retain_sample_days = -1, .retain_build_days = {}, .vacuum = false});
  const ProcessRecord pruned = store->load_run(run_id).results.at(0).processes.at(0);
  EXPECT_TRUE(pruned.samples.empty());
  ASSERT_TRUE(pruned.load);
  EXPECT_TRUE(pruned.load->seconds.empty());
  EXPECT_EQ(pruned.load->latency, load.latency);
}

TEST_P(StoreConformance, ListsRunsNewestFirstWithCounts) {
  auto store = open();
  const auto first = store->begin_run(new_run("a"));
  store->finish_run(first, RunStatus::complete);
  const auto second = store->begin_run(new_run("b"));
  store->finish_result(store->begin_result(second, {"x", "", ResultKind::command, {}}),
                       ResultStatus::failed, "no", "");
  store->finish_run(second, RunStatus::complete);
  const auto runs = store->list_runs(10);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].id, second);
  EXPECT_EQ(runs[0].result_count, 1);
  EXPECT_EQ(runs[0].failed_count, 1);
  EXPECT_EQ(store->list_runs(1).size(), 1u);
}

TEST_P(StoreConformance, ARunKeepsItsUuidAndIsCopiedOnceByIt) {
  auto store = open();
  NewRun named = new_run("tools");
  named.uuid = "7f0c1c9e-0d4c-4a4e-9d2b-3c1f00000001";
  const auto run_id = store->begin_run(named);
  const auto result = store->begin_result(
      run_id, {"tools/uuid/v4", "tools", ResultKind::benchmark, two_processes()});
  store->add_process(result, process(0, 0.1));
  store->finish_result(result, ResultStatus::ok, "", "");
  store->finish_run(run_id, RunStatus::complete);
  const RunRecord original = store->load_run(run_id);
  EXPECT_EQ(original.uuid, named.uuid);
  EXPECT_EQ(store->load_run(store->begin_run(new_run("other"))).uuid.size(), 36u)
      << "a run begun without one gets one";
  EXPECT_FALSE(store->copy_run(original)) << "already here";

  // Into an empty database of the same backend: stored once, whole.
  std::filesystem::create_directories(directory_ / "copy");
  testing::ScratchPostgres other_database;
  auto other =
      GetParam() == Backend::sqlite
          ? open_sqlite_store(directory_ / "copy" / "runs.db")
          : open_postgres_store(other_database.create("copy_target"), util::current_executable());
  const auto copied = other->copy_run(original);
  ASSERT_TRUE(copied);
  EXPECT_FALSE(other->copy_run(original)) << "a second push stores nothing";
  const RunRecord back = other->load_run(*copied);
  EXPECT_EQ(back.uuid, original.uuid);
  EXPECT_EQ(back.status, RunStatus::complete);
  EXPECT_EQ(back.started_at, original.started_at);
  ASSERT_EQ(back.results.size(), 1u);
  ASSERT_EQ(back.results[0].processes.size(), 1u);
  EXPECT_EQ(back.results[0].processes[0].samples.size(), 3u);
  EXPECT_DOUBLE_EQ(back.results[0].processes[0].samples[2].counters.at("bytes_per_second"), 1e9);
  EXPECT_EQ(other->list_runs(10).size(), 1u);
  HistoryQuery query;
  query.host = original.environment.host.value_or("");
  query.cpu_model = original.environment.cpu_model.value_or("");
  const std::vector<HistoryPoint> history = other->load_history(query);
  ASSERT_EQ(history.size(), 1u) << "a copied run is in its machine's history, with its medians";
  ASSERT_EQ(history[0].real_medians.size(), 1u);
  EXPECT_DOUBLE_EQ(history[0].real_medians[0], *back.results[0].processes[0].median_real_seconds);
}

// A comparison reads less of a run: the counters it names, and no timed sample (each process's
// stored median stands for them), but every sample that counted instructions or holds a size.
TEST_P(StoreConformance, AComparisonsReadingLeavesOutTimedSamplesAndOtherCounters) {
  auto store = open();
  const auto run_id = store->begin_run(new_run("tools"));
  const auto timed =
      store->begin_result(run_id, {"tools/timed", "tools", ResultKind::benchmark, two_processes()});
  store->add_process(timed, process(0, 0.1));
  const auto counted = store->begin_result(
      run_id, {"tools/counted", "tools", ResultKind::benchmark, two_processes()});
  ProcessRecord instructions = process(0, 0.1);
  for (Sample& sample : instructions.samples) {
    sample.instructions = 5000;
    sample.counters["ll_misses"] = 7;
  }
  store->add_process(counted, instructions);
  const auto size = store->begin_result(run_id, {"binary/size", "", ResultKind::file_size, {}});
  ProcessRecord file;
  file.samples.push_back({0, 1, std::nullopt, std::nullopt, {{"size_bytes", 4e6}}, {}});
  store->add_process(size, file);
  store->finish_run(run_id, RunStatus::complete);

  const RunRecord read =
      store->load_run(run_id, {std::vector<std::string>{"size_bytes", "ll_misses"}, false});
  ASSERT_EQ(read.results.size(), 3u);
  const ProcessRecord& median_only = read.results[0].processes.at(0);
  EXPECT_TRUE(median_only.samples.empty());
  EXPECT_DOUBLE_EQ(*store::median_per_iteration(median_only, false),
                   *store::median_per_iteration(process(0, 0.1), false))
      << "the stored median stands for the samples";
  const ProcessRecord& with_counts = read.results[1].processes.at(0);
  ASSERT_EQ(with_counts.samples.size(), 3u);
  EXPECT_EQ(with_counts.samples[0].instructions, 5000);
  EXPECT_EQ(with_counts.samples[0].counters.size(), 1u) << "ll_misses, not bytes_per_second";
  EXPECT_DOUBLE_EQ(read.results[2].processes.at(0).samples.at(0).counters.at("size_bytes"), 4e6);
  EXPECT_EQ(store->load_run(run_id).results[0].processes.at(0).samples.size(), 3u)
      << "a whole reading has them all";
}

// An iteration's allocations are the process's: kept in both backends, read by a comparison's
// reading too (which leaves the timed samples out), copied with the run, absent when not counted.
TEST_P(StoreConformance, AProcesssAllocationCountsRoundTrip) {
  auto store = open();
  const auto run_id = store->begin_run(new_run("tools"));
  const auto result =
      store->begin_result(run_id, {"tools/timed", "tools", ResultKind::benchmark, two_processes()});
  ProcessRecord counted = process(0, 0.1);
  counted.allocations = AllocationCounts{2, 1, 96.5};
  store->add_process(result, counted);
  store->add_process(result, process(1, 0.1));
  store->finish_run(run_id, RunStatus::complete);

  for (const RunReading& reading : {RunReading{}, RunReading{std::vector<std::string>{}, false}}) {
    const RunRecord read = store->load_run(run_id, reading);
    const auto& processes = read.results.at(0).processes;
    ASSERT_EQ(processes.size(), 2u);
    EXPECT_EQ(processes[0].allocations, (AllocationCounts{2, 1, 96.5}));
    EXPECT_FALSE(processes[1].allocations);
  }
  RunRecord copy = store->load_run(run_id);
  copy.uuid = "7f0c1c9e-0d4c-4a4e-9d2b-3c1f00000002";
  const auto copied = store->copy_run(copy);
  ASSERT_TRUE(copied);
  EXPECT_EQ(store->load_run(*copied).results.at(0).processes.at(0).allocations,
            (AllocationCounts{2, 1, 96.5}));
}

// A profile is stored with its run, its stacks as written (names with spaces, quotes, markup and
// a benchmark name that is not the run's); a profile of no run is kept but belongs to none.
TEST_P(StoreConformance, ProfilesRoundTripWithTheirRun) {
  auto store = open();
  const auto run_id = store->begin_run(new_run("tools"));
  store->finish_run(run_id, RunStatus::complete);
  ProfileRecord profile;
  profile.run_id = run_id;
  profile.benchmark = "tools/uuid/v4";
  profile.tool = "callgrind";
  profile.event = "Ir";
  profile.build = "run 1";
  profile.created_at = "2026-12-04T10:00:00Z";
  profile.iterations = 1500;
  profile.note = "stripped";
  profile.stacks = {{{"BM_Uuid(benchmark::State&)"}, 1200},
                    {{"BM_Uuid(benchmark::State&)", "checksum<script>(unsigned long)"}, 75},
                    {{"[Google Benchmark]"}, 3}};
  ProfileRecord unattached = profile;
  unattached.run_id.reset();
  unattached.benchmark = "tools/other";
  profile.id = store->save_profile(profile);
  store->save_profile(unattached);
  ProfileRecord later = profile;
  later.tool = "perf";
  later.event = "ns";
  later.id = store->save_profile(later);

  const std::vector<ProfileRecord> stored = store->load_profiles(run_id);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].id, profile.id);
  EXPECT_EQ(stored[0].run_id, run_id);
  EXPECT_EQ(stored[0].benchmark, profile.benchmark);
  EXPECT_EQ(stored[0].tool, "callgrind");
  EXPECT_EQ(stored[0].event, "Ir");
  EXPECT_EQ(stored[0].build, "run 1");
  EXPECT_EQ(stored[0].created_at, profile.created_at);
  EXPECT_EQ(stored[0].iterations, 1500);
  EXPECT_EQ(stored[0].note, "stripped");
  EXPECT_EQ(stored[0].stacks, profile.stacks);
  EXPECT_EQ(stored[1].id, later.id);
  EXPECT_EQ(stored[1].tool, "perf");
  EXPECT_TRUE(store->load_profiles(run_id + 1).empty());
}

// A run keeps its build: each plugin file once by its hash, whatever number of runs measured it;
// retention deletes the files no baseline and no recent run needs, and the runs keep their hashes.
TEST_P(StoreConformance, BuildFilesAreStoredOnceAndRetentionKeepsWhatRunsNeed) {
  auto store = open();
  auto file = [](const std::string& text) {
    return std::string(
               "\x7f"
               "ELF\0",
               5) +
           text;
  };
  const std::string old_build = file("old build"), kept_build = file("baseline's build"),
                    new_build = file("recent build");
  EXPECT_FALSE(store->has_build_file(util::sha256_hex(old_build)));
  EXPECT_FALSE(store->load_build_file(util::sha256_hex(old_build)));
  for (const std::string* content : {&old_build, &old_build, &kept_build, &new_build})
    store->keep_build_file(util::sha256_hex(*content), *content);  // the second is a no-op
  EXPECT_EQ(*store->load_build_file(util::sha256_hex(old_build)), old_build) << "bytes, NULs too";

  // Two runs of long ago (copied in, as a push would), one of them a baseline's; a recent one.
  auto old_run = [&](const std::string& uuid, const std::string& content) {
    RunRecord run;
    run.uuid = uuid;
    run.suite_name = "tools";
    run.suite_file = "tools.yaml";
    run.status = RunStatus::complete;
    run.started_at = "2020-01-01T00:00:00Z";
    run.config_hash = "abc";
    run.environment = nlohmann::json{{"host", "test"}}.get<store::Environment>();
    run.plugins = {
        {"tools", "1.0.0", "1.2", "1.7.1", "/p/benchctl_tools.so", util::sha256_hex(content)}};
    return *store->copy_run(run);
  };
  const auto unbound = old_run("00000000-0000-4000-8000-000000000001", old_build);
  const auto bound = old_run("00000000-0000-4000-8000-000000000002", kept_build);
  store->save_baseline("phase1", {bound}, "", false);
  NewRun recent = new_run("tools");
  recent.plugins[0].sha256 = util::sha256_hex(new_build);
  const auto recent_id = store->begin_run(recent);
  store->finish_run(recent_id, RunStatus::complete);
  EXPECT_EQ(store->load_run(recent_id).plugins.at(0).sha256, util::sha256_hex(new_build));

  MaintenanceRequest request;
  request.retain_build_days = 30;
  const MaintenanceReport report = store->maintain(request);
  EXPECT_EQ(report.build_files_deleted, 1);
  EXPECT_EQ(report.build_bytes_deleted, static_cast<std::int64_t>(old_build.size()));
  EXPECT_FALSE(store->has_build_file(util::sha256_hex(old_build)));
  EXPECT_TRUE(store->has_build_file(util::sha256_hex(kept_build))) << "a baseline's build stays";
  EXPECT_TRUE(store->has_build_file(util::sha256_hex(new_build))) << "a recent run's build stays";
  EXPECT_EQ(store->load_run(unbound).plugins.at(0).sha256, util::sha256_hex(old_build))
      << "the run still says which build it measured";
}

// The two runs of an A/B are a paired measurement, not points of the suite's series.
TEST_P(StoreConformance, TheRunsOfAnAbAreNotLatestNorHistory) {
  auto store = open();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    const auto id = store->begin_run(new_run("tools"));
    const auto result =
        store->begin_result(id, {"tools/uuid/v4", "tools", ResultKind::benchmark, two_processes()});
    store->add_process(result, process(0, 0.1));
    store->finish_result(result, ResultStatus::ok, "", "");
    store->finish_run(id, RunStatus::complete);
    ids.push_back(id);
  }
  store->link_ab({0, ids[1], ids[2], "a", "b", 1});
  EXPECT_EQ(store->latest_run_id(), ids[0]);
  HistoryQuery query;
  query.host = "test";
  const auto history = store->load_history(query);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].run_id, ids[0]);
  EXPECT_EQ(store->machines(std::nullopt).at(0).runs, 1);
}

TEST_P(StoreConformance, HistoriesAndMachinesFollowEachRunsMachine) {
  auto store = open();
  for (const char* host : {"alpha", "beta", "alpha"}) {
    NewRun run = new_run("nightly");
    run.environment =
        nlohmann::json{{"host", host}, {"cpu_model", "Test CPU"}, {"git_commit", "abc"}}
            .get<store::Environment>();
    const auto id = store->begin_run(run);
    const auto result =
        store->begin_result(id, {"tools/uuid/v4", "tools", ResultKind::benchmark, two_processes()});
    store->add_process(result, process(0, 0.1));
    store->add_process(result, process(1, 0.2));
    store->finish_result(result, ResultStatus::ok, "", "");
    store->finish_run(id, RunStatus::complete);
  }
  const std::vector<Machine> machines = store->machines(std::string("nightly"));
  ASSERT_EQ(machines.size(), 2u);
  EXPECT_EQ(machines[0].host, "alpha") << "the newest run's first";
  EXPECT_EQ(machines[0].runs, 2);
  HistoryQuery query;
  query.host = "alpha";
  query.cpu_model = "Test CPU";
  const std::vector<HistoryPoint> points = store->load_history(query);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].commit, "abc");
  EXPECT_EQ(points[0].real_medians.size(), 2u);
  query.names = {"tools/other"};
  EXPECT_TRUE(store->load_history(query).empty());
}

// A history is ordered by benchmark, then run, whatever order the store reads it in; asked for
// each benchmark's newest runs, it holds those of each benchmark's own, not the machine's newest.
TEST_P(StoreConformance, AHistoryHoldsEachBenchmarksNewestRunsInOrder) {
  auto store = open();
  std::vector<std::int64_t> runs;
  for (int r = 0; r < 5; ++r) {
    NewRun run = new_run("nightly");
    run.environment = nlohmann::json{{"host", "alpha"}, {"git_commit", "c" + std::to_string(r)}}
                          .get<store::Environment>();
    runs.push_back(store->begin_run(run));
    // "b/rare" is measured in the first three runs only; "a/empty" never stores a process.
    std::vector<std::string> names = {"c/every", "a/empty"};
    if (r < 3)
      names.push_back("b/rare");
    for (const std::string& name : names) {
      const auto result =
          store->begin_result(runs.back(), {name, "tools", ResultKind::benchmark, two_processes()});
      if (name != "a/empty") {
        store->add_process(result, process(1, 0.1 * (r + 1)));
        store->add_process(result, process(0, 0.1 * (r + 1)));
      }
      store->finish_result(result, ResultStatus::ok, "", "");
    }
    store->finish_run(runs.back(), RunStatus::complete);
  }
  HistoryQuery query;
  query.host = "alpha";
  std::vector<HistoryPoint> points = store->load_history(query);
  ASSERT_EQ(points.size(), 8u) << "a result without processes is no point";
  EXPECT_EQ(points[0].name, "b/rare");
  EXPECT_EQ(points[2].run_id, runs[2]);
  EXPECT_EQ(points[3].name, "c/every");
  EXPECT_EQ(points[3].run_id, runs[0]);
  EXPECT_EQ(points[3].commit, "c0");
  EXPECT_EQ(points[7].run_id, runs[4]);
  EXPECT_EQ(points[7].real_medians.size(), 2u);

  query.newest_runs = 2;
  query.before_run = runs[4];
  points = store->load_history(query);
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0].name, "b/rare");
  EXPECT_EQ(points[0].run_id, runs[1]);
  EXPECT_EQ(points[1].run_id, runs[2]);
  EXPECT_EQ(points[2].name, "c/every");
  EXPECT_EQ(points[2].run_id, runs[2]);
  EXPECT_EQ(points[3].run_id, runs[3]);
  EXPECT_EQ(points[3].commit, "c3");
  EXPECT_DOUBLE_EQ(points[3].real_medians.at(0), points[3].real_medians.at(1));

  // Left-out runs are not returned, yet they count among the newest: c/every keeps runs 2 only.
  query.left_out_runs = {runs[3], runs[0]};
  points = store->load_history(query);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].run_id, runs[1]);
  EXPECT_EQ(points[1].run_id, runs[2]);
  EXPECT_EQ(points[2].name, "c/every");
  EXPECT_EQ(points[2].run_id, runs[2]);
}

// PostgreSQL: a runner on another machine cannot be checked by pid; its run is abandoned when its
// heartbeat is older than the timeout, and not before.
TEST_F(StoreTest, OnPostgreSqlARunOfAnotherMachineIsAbandonedWhenItsHeartbeatIsOld) {
  testing::ScratchPostgres database_;
  auto store = open_postgres_store(database_.create("heartbeat"), util::current_executable());
  const auto stale = store->begin_run(new_run("stale"));
  store->begin_result(stale, {"tools/uuid/v4", "tools", ResultKind::benchmark, {}});
  const auto fresh = store->begin_run(new_run("fresh"));
  database_.exec("UPDATE runs SET owner_host = 'elsewhere'");
  database_.exec("UPDATE runs SET heartbeat = now() - interval '2 hours' WHERE id = " +
                 std::to_string(stale));
  EXPECT_EQ(store->mark_abandoned_runs(), 1);
  const RunRecord marked = store->load_run(stale);
  EXPECT_EQ(marked.status, RunStatus::incomplete);
  EXPECT_EQ(marked.results.at(0).status, ResultStatus::failed);
  EXPECT_EQ(store->load_run(fresh).status, RunStatus::running) << "its heartbeat is recent";
}

// PostgreSQL's schema 1 stored a row per sample; migration 2 moves each process's samples into
// arrays of its row, in repetition order, and leaves `samples` as a view of the same columns.
// A database of schema 1 migrates: samples into their processes' arrays (0002), and the
// processes' medians copied into their finished results (0003).
TEST_F(StoreTest, OnPostgreSqlSamplesStoredAsRowsAreMovedIntoTheirProcesses) {
  testing::ScratchPostgres database_;
  const std::string url = database_.create("samples_as_rows");
  std::ifstream schema(std::string(BENCHCTL_TEST_SOURCE_DIR) + "/schema/postgresql/0001_init.sql");
  database_.exec(std::string(std::istreambuf_iterator<char>(schema), {}));
  database_.exec(
      "CREATE TABLE benchctl_migrations (version INTEGER PRIMARY KEY, file TEXT NOT NULL, "
      "applied_at TIMESTAMPTZ NOT NULL DEFAULT now());"
      "INSERT INTO benchctl_migrations (version, file) VALUES (1, '0001_init.sql');"
      "INSERT INTO runs (id, uuid, suite_name, suite_file, status, started_at, config_hash, "
      "config, environment, owner_host, owner_pid, owner_start_time) VALUES (1, 'u', 's', "
      "'s.yaml', 'complete', '2026-01-01T00:00:00Z', 'h', '{}', '{}', 'host', 1, 1);"
      "INSERT INTO results (id, run_id, name, kind, status, settings) VALUES (1, 1, 'b', "
      "'benchmark', 'ok', '{}');"
      "INSERT INTO processes (result_id, process, median_real_seconds) VALUES (1, 0, 0.002), "
      "(1, 1, 0.003), (1, 2, 0.004);"
      "INSERT INTO samples VALUES (1, 0, 1, 10, 20000000, 19000000, NULL), (1, 0, 0, 10, "
      "NULL, 18000000, 7), (1, 1, 0, 5, 15000000, 15000000, 9);");
  const RunRecord run = open_postgres_store(url, util::current_executable())->load_run(1);
  const std::vector<ProcessRecord>& processes = run.results.at(0).processes;
  ASSERT_EQ(processes.size(), 3u);
  ASSERT_EQ(processes[0].samples.size(), 2u);
  EXPECT_EQ(processes[0].samples[0].repetition, 0);
  EXPECT_FALSE(processes[0].samples[0].real_seconds);
  EXPECT_EQ(processes[0].samples[0].instructions, 7);
  EXPECT_DOUBLE_EQ(*processes[0].samples[1].real_seconds, 0.02);
  EXPECT_FALSE(processes[0].samples[1].instructions);
  ASSERT_EQ(processes[1].samples.size(), 1u);
  EXPECT_EQ(processes[1].samples[0].iterations, 5);
  EXPECT_TRUE(processes[2].samples.empty()) << "a process whose samples were pruned";
  EXPECT_DOUBLE_EQ(*processes[2].median_real_seconds, 0.004);
  const std::vector<HistoryPoint> history =
      open_postgres_store(url, util::current_executable())->load_history({});
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].real_medians, (std::vector<double>{0.002, 0.003, 0.004}));
  EXPECT_TRUE(history[0].cpu_medians.empty()) << "no cpu medians were stored";

  pqxx::connection connection(url);
  pqxx::read_transaction read(connection);
  const pqxx::row view =
      read.exec1("SELECT count(*), sum(real_ns), count(instructions) FROM samples");
  EXPECT_EQ(view[0].as<int>(), 3);
  EXPECT_EQ(view[1].as<std::int64_t>(), 35'000'000);
  EXPECT_EQ(view[2].as<int>(), 2);
}

TEST_F(StoreTest, ADamagedJsonColumnIsAStorageErrorNotAnEmptyValue) {
  auto store = open_sqlite_store(path_);
  const auto run = store->begin_run(new_run("s"));
  store->begin_result(run, {"x", "", ResultKind::command, {}});
  EXPECT_NO_THROW(store->load_run(run));
  {
    Database database(path_);
    database.exec("UPDATE results SET settings = 'not json'");
  }
  EXPECT_THROW(store->load_run(run), StorageError);
}

TEST_F(StoreTest, ADamagedProfileIsAStorageErrorNamingItsLine) {
  auto store = open_sqlite_store(path_);
  const auto run = store->begin_run(new_run("s"));
  ProfileRecord profile;
  profile.run_id = run;
  profile.stacks = {{{"f", "g"}, 5}};
  store->save_profile(profile);
  {
    Database database(path_);
    database.exec("UPDATE profiles SET stacks = 'f;g 5\nf;g five\n'");
  }
  try {
    store->load_profiles(run);
    FAIL() << "a damaged profile was read";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST_P(StoreConformance, AlertsRoundTripAreRewrittenByIdAndFilteredBySeries) {
  auto store = open();
  EXPECT_TRUE(store->list_alerts({}).empty());
  Alert alert;
  alert.suite = "nightly";
  alert.host = "bench-1";
  alert.cpu_model = "Xeon";
  alert.first_run = 13;
  alert.commit_before = "aaa";
  alert.commit_after = "bbb";
  alert.created_at = "2026-12-01T02:30:00Z";
  alert.changes = {{"tools/hash/sha256", 13, 1e-3, 1.05e-3, 1.05, 1.03, 1.07, 1e-4, "benchmark"},
                   {"tools/hash/md5", 14, 2e-3, 2.1e-3, 1.05, 1.02, 1.08, 2e-3, "suite-wide"}};
  alert.move_to(AlertState::untriaged, "2026-12-01T02:30:00Z", "found \"quoted\"");
  alert.id = store->save_alert(alert);
  EXPECT_GT(alert.id, 0);
  Alert other = alert;
  other.id = 0;
  other.host = "bench-2";
  other.id = store->save_alert(other);
  EXPECT_NE(other.id, alert.id);

  AlertQuery series;
  series.suite = "nightly";
  series.host = "bench-1";
  series.cpu_model = "Xeon";
  auto found = store->list_alerts(series);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, alert.id);
  EXPECT_EQ(found[0].state, AlertState::untriaged);
  EXPECT_FALSE(found[0].reported_state);
  EXPECT_FALSE(found[0].fixed_at_run);
  ASSERT_EQ(found[0].changes.size(), 2u);
  EXPECT_EQ(found[0].changes[1].benchmark, "tools/hash/md5");
  EXPECT_EQ(found[0].changes[1].first_run, 14);
  EXPECT_DOUBLE_EQ(found[0].changes[1].low, 1.02);
  EXPECT_EQ(found[0].changes[1].cause, "suite-wide");
  ASSERT_EQ(found[0].events.size(), 1u);
  EXPECT_EQ(found[0].events[0].note, "found \"quoted\"");

  alert.move_to(AlertState::fixed, "2026-12-09T02:30:00Z", "back by itself");
  alert.fixed_at_run = 20;
  alert.reported_state = AlertState::untriaged;
  EXPECT_EQ(store->save_alert(alert), alert.id);
  AlertQuery by_id;
  by_id.id = alert.id;
  found = store->list_alerts(by_id);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].state, AlertState::fixed);
  EXPECT_EQ(found[0].reported_state, AlertState::untriaged);
  EXPECT_EQ(found[0].fixed_at_run, 20);
  EXPECT_EQ(found[0].updated_at, "2026-12-09T02:30:00Z");
  ASSERT_EQ(found[0].events.size(), 2u);
  EXPECT_EQ(found[0].events[1].state, AlertState::fixed);
  EXPECT_EQ(store->list_alerts({}).size(), 2u);

  Alert missing = alert;
  missing.id = 999;
  EXPECT_THROW(store->save_alert(missing), InputError);
}

TEST_P(StoreConformance, ARunGroupKeepsTheFirstAssignmentAndListsItsShardsRuns) {
  auto store = open();
  RunGroup first;
  first.name = "nightly-1";
  first.suite = "phase13";
  first.shards = 2;
  first.assignment = {{"a", 1}, {"b", 2}};
  const RunGroup claimed = store->claim_run_group(first);
  EXPECT_EQ(claimed.assignment, first.assignment);
  EXPECT_GT(claimed.id, 0);

  // A shard starting a moment later with another split keeps the stored one.
  RunGroup late = first;
  late.assignment = {{"a", 2}, {"b", 1}};
  EXPECT_EQ(store->claim_run_group(late).assignment, first.assignment);

  NewRun shard = new_run("phase13");
  shard.shard = GroupShard{"nightly-1", 2};
  const auto run = store->begin_run(shard);
  store->begin_run(new_run("phase13"));  // not of the group
  const auto found = store->find_run_group("nightly-1");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->runs.size(), 1u);
  EXPECT_EQ(found->runs[0].id, run);
  EXPECT_EQ(found->runs[0].shard, (GroupShard{"nightly-1", 2}));
  EXPECT_EQ(store->load_run(run).shard, (GroupShard{"nightly-1", 2}));
  EXPECT_FALSE(store->find_run_group("nightly-2"));

  RunGroup second = first;
  second.name = "nightly-2";
  store->claim_run_group(second);
  EXPECT_EQ(store->previous_run_group("phase13", 2, "nightly-3")->name, "nightly-2");
  EXPECT_EQ(store->previous_run_group("phase13", 2, "nightly-2")->name, "nightly-1");
  EXPECT_FALSE(store->previous_run_group("phase13", 3, "nightly-3"));
  EXPECT_FALSE(store->previous_run_group("phase12", 2, "nightly-3"));
}

TEST_P(StoreConformance, AnUnknownRunIsAnInputError) {
  auto store = open();
  EXPECT_THROW(store->load_run(42), InputError);
}

TEST_P(StoreConformance, ARunWhoseProcessDiedIsMarkedIncompleteAndTheOthersAreKept) {
  auto store = open();
  const auto finished = store->begin_run(new_run("kept"));
  store->finish_run(finished, RunStatus::complete);

  // A child process begins a run and dies without finishing it.
  const pid_t child = fork();
  if (child == 0) {
    auto child_store = open();
    const auto run = child_store->begin_run(new_run("dying"));
    child_store->begin_result(run, {"tools/uuid/v4", "tools", ResultKind::benchmark, {}});
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));

  // A run of this live process is left alone.
  const auto live = store->begin_run(new_run("live"));
  EXPECT_EQ(store->mark_abandoned_runs(), 1);
  const auto runs = store->list_runs(10);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].id, live);
  EXPECT_EQ(runs[0].status, RunStatus::running);
  EXPECT_EQ(runs[1].status, RunStatus::incomplete);
  EXPECT_EQ(store->load_run(runs[1].id).results.at(0).status, ResultStatus::failed);
  EXPECT_EQ(runs[2].status, RunStatus::complete);
  EXPECT_EQ(store->mark_abandoned_runs(), 0);
}

TEST_P(StoreConformance, BaselinesBindNamesToRunsAndStayPutUnlessForced) {
  auto store = open();
  const auto first = store->begin_run(new_run("phase10"));
  store->finish_run(first, RunStatus::complete);
  const auto second = store->begin_run(new_run("phase12"));
  store->finish_run(second, RunStatus::complete);

  store->save_baseline("phase10-final", {first}, "end of phase 10", false);
  EXPECT_THROW(store->save_baseline("phase10-final", {second}, "", false), InputError);
  EXPECT_EQ(store->find_baseline("phase10-final")->run_ids, std::vector<std::int64_t>{first})
      << "a refused save changes nothing";
  store->save_baseline("phase10-final", {second}, "moved", true);
  const auto moved = store->find_baseline("phase10-final");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->run_ids, std::vector<std::int64_t>{second});
  EXPECT_EQ(moved->note, "moved");
  EXPECT_EQ(moved->run.suite_name, "phase12");

  store->save_baseline("other", {first}, "", false);
  EXPECT_EQ(store->list_baselines().size(), 2u);
  EXPECT_THROW(store->save_baseline("ghost", {999}, "", false), InputError);
  EXPECT_THROW(store->save_baseline("ghost", {first, 999}, "", false), InputError);
  EXPECT_FALSE(store->find_baseline("ghost")) << "one unknown run refuses the whole baseline";
  EXPECT_THROW(store->save_baseline("empty", {}, "", false), InputError);

  // Several runs: the baseline is all of them, its run the newest.
  store->save_baseline("both", {second, first}, "", false);
  const auto both = store->find_baseline("both");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->run_ids, (std::vector<std::int64_t>{first, second}));
  EXPECT_EQ(both->run.id, second);
  EXPECT_TRUE(store->delete_baseline("both"));
  EXPECT_TRUE(store->delete_baseline("other"));
  EXPECT_FALSE(store->delete_baseline("other"));
  EXPECT_FALSE(store->find_baseline("other"));
  EXPECT_EQ(store->list_baselines().size(), 1u);
}

TEST_F(StoreTest, AnUnwritablePathIsAStorageError) {
  std::filesystem::create_directories(directory_);
  const auto blocker = directory_ / "file";
  {
    std::FILE* f = std::fopen(blocker.c_str(), "w");
    std::fclose(f);
  }
  EXPECT_THROW(open_sqlite_store(blocker / "runs.db"), StorageError);
}

TEST_F(StoreTest, ADatabaseWrittenByRelease010StillLoads) {
  std::ifstream dump(std::string(BENCHCTL_TEST_SOURCE_DIR) + "/tests/data/release-0.1.0.sql");
  ASSERT_TRUE(dump);
  const std::string sql((std::istreambuf_iterator<char>(dump)), std::istreambuf_iterator<char>());
  std::filesystem::create_directories(path_.parent_path());
  Database(path_).exec(sql);

  auto store = open_sqlite_store(path_);
  ASSERT_EQ(store->list_runs(10).size(), 2u);
  const RunRecord run = store->load_run(1);
  EXPECT_EQ(run.label, "release fixture");
  ASSERT_EQ(run.results.size(), 4u);
  const ResultRecord& uuid = run.results[0];
  EXPECT_EQ(uuid.kind, ResultKind::benchmark);
  EXPECT_EQ(uuid.settings.measure.processes, 2);
  EXPECT_DOUBLE_EQ(*uuid.settings.measure.min_time, 0.005);
  EXPECT_DOUBLE_EQ(uuid.settings.policy.alpha, 0.05);
  EXPECT_TRUE(uuid.settings.policy.cpu_time);
  ASSERT_EQ(uuid.settings.budgets.size(), 3u);
  EXPECT_EQ(uuid.settings.budgets[1].metric, BudgetMetric::p95);
  EXPECT_FALSE(uuid.settings.budgets[1].hard);
  EXPECT_EQ(run.results[1].settings.budgets.at(0).metric, BudgetMetric::min_throughput);
  EXPECT_TRUE(run.results[1].settings.budgets.at(0).bytes_rate);
  EXPECT_EQ(run.results[2].kind, ResultKind::command);
  EXPECT_EQ(run.results[2].settings.command, std::vector<std::string>{"/bin/true"});
  EXPECT_EQ(run.results[2].processes.size(), 2u);
  EXPECT_EQ(run.results[3].kind, ResultKind::file_size);
  EXPECT_EQ(run.results[3].settings.file, "/bin/true");
  const auto baseline = store->find_baseline("v0.1.0");
  ASSERT_TRUE(baseline.has_value());
  EXPECT_EQ(baseline->run_ids, std::vector<std::int64_t>{1});
  // Migration 0006 rebuilt the results table with foreign keys off: every reference still holds,
  // they are on again, and deleting a run still cascades to its processes.
  Database database(path_);
  EXPECT_FALSE(database.prepare("PRAGMA foreign_key_check").step());
  Statement enforced = database.prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(enforced.step());
  EXPECT_EQ(enforced.int64(0), 1);
  database.exec("DELETE FROM baseline_runs; DELETE FROM baselines; DELETE FROM runs WHERE id = 1");
  Statement orphans = database.prepare(
      "SELECT count(*) FROM processes WHERE result_id NOT IN (SELECT id FROM results)");
  ASSERT_TRUE(orphans.step());
  EXPECT_EQ(orphans.int64(0), 0);
}

}  // namespace
}  // namespace benchctl::store
