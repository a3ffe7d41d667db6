// benchctl measuring its own library: storing samples, comparing runs and reading histories, the
// costs a user pays on every run, every CI gate and every nightly; and the load driver's own cost
// per request, with a no-op operation to find the highest rate it sustains.
#include <benchctl/plugin.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "analysis/comparison.h"
#include "analysis/history.h"
#include "analysis/stored_comparison.h"
#include "report/comparison_report.h"
#include "runner/load_driver.h"
#include "store/postgres_module.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "util/subprocess.h"
#include "util/uuid.h"

namespace {

namespace fs = std::filesystem;

// ci/measure-postgres.sh sets BENCHCTL_SELF_POSTGRES_URL to a throwaway server's database: the
// storage benchmarks then measure PostgreSQL instead of SQLite.
std::optional<std::string> postgres_url() {
  const char* url = std::getenv("BENCHCTL_SELF_POSTGRES_URL");
  return url != nullptr && *url != '\0' ? std::optional<std::string>(url) : std::nullopt;
}

std::unique_ptr<benchctl::store::Store> open_postgres() {
  return benchctl::store::open_postgres_store(*postgres_url(),
                                              benchctl::util::current_executable());
}

fs::path scratch_database() {
  return fs::temp_directory_path() / ("benchctl-self-" + std::to_string(::getpid()) + ".db");
}

void remove_database(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"})
    fs::remove(path.string() + suffix);
}

std::uintmax_t database_bytes(const fs::path& path) {
  benchctl::store::Database database(path);
  database.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return fs::file_size(path);
}

// BM_StoreSamples on PostgreSQL: one add_process per 1,000 samples, as a runner writes them, each
// iteration into a run of its own.
void store_samples_postgres(benchmark::State& state, std::int64_t samples) {
  constexpr int kPerProcess = 1000;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = open_postgres();
    const auto run = store->begin_run({"", "self", "self.yaml", "", "hash", {}, {}, {}, {}});
    const auto result = store->begin_result(
        run, {"self/store", "self", benchctl::store::ResultKind::benchmark, {}});
    benchctl::store::ProcessRecord process;
    for (int r = 0; r < kPerProcess; ++r)
      process.samples.push_back({r, 123456, 0.0123456 + r * 1e-7, 0.0123 + r * 1e-7, {}, {}});
    state.ResumeTiming();
    for (int p = 0; p < samples / kPerProcess; ++p) {
      process.index = p;
      store->add_process(result, process);
    }
  }
  state.SetItemsProcessed(state.iterations() * samples);
}

// Stores state.range(0) samples the way a run does: one transaction per worker process of 1,000
// repetitions. Reports the bytes each sample adds to the database file.
void BM_StoreSamples(benchmark::State& state) {
  const auto samples = state.range(0);
  if (postgres_url()) {
    store_samples_postgres(state, samples);
    return;
  }
  constexpr int kPerProcess = 1000;
  double bytes_per_sample = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path path = scratch_database();
    remove_database(path);
    std::uintmax_t empty_bytes = 0;
    {
      auto store = benchctl::store::open_sqlite_store(path);
      const auto run = store->begin_run({"", "self", "self.yaml", "", "hash", {}, {}, {}, {}});
      store->begin_result(run, {"self/store", "self", benchctl::store::ResultKind::benchmark, {}});
    }
    empty_bytes = database_bytes(path);
    auto store = benchctl::store::open_sqlite_store(path);
    benchctl::store::ProcessRecord process;
    for (int r = 0; r < kPerProcess; ++r) {
      process.samples.push_back({r, 123456, 0.0123456 + r * 1e-7, 0.0123 + r * 1e-7, {}, {}});
    }
    state.ResumeTiming();
    for (int p = 0; p < samples / kPerProcess; ++p) {
      process.index = p;
      store->add_process(1, process);
    }
    state.PauseTiming();
    store.reset();
    bytes_per_sample =
        static_cast<double>(database_bytes(path) - empty_bytes) / static_cast<double>(samples);
    remove_database(path);
    state.ResumeTiming();
  }
  state.counters["bytes_per_sample"] = bytes_per_sample;
  state.SetItemsProcessed(state.iterations() * samples);
}

// SQLite's own bulk insert of the same rows, the anchor of the storage budget: the samples table's
// shape, WAL as benchctl opens it, one prepared single-row INSERT, one transaction per 1,000 rows
// (a worker process's repetitions), nothing else.
void BM_SqliteBulkInsert(benchmark::State& state) {
  const auto rows = state.range(0);
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path path = scratch_database();
    remove_database(path);
    benchctl::store::Database database(path);
    database.exec(
        "CREATE TABLE samples (result_id INTEGER NOT NULL, process INTEGER NOT NULL, repetition "
        "INTEGER NOT NULL, iterations INTEGER NOT NULL, real_ns INTEGER, cpu_ns INTEGER, "
        "PRIMARY KEY (result_id, process, repetition)) WITHOUT ROWID");
    auto insert = database.prepare("INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?)");
    state.ResumeTiming();
    for (std::int64_t p = 0; p < rows / 1000; ++p) {
      benchctl::store::Transaction transaction(database);
      for (int r = 0; r < 1000; ++r) {
        insert.bind(1, std::int64_t{1}).bind(2, p).bind(3, r).bind(4, std::int64_t{123456});
        insert.bind(5, std::int64_t{12345600} + r * 100).bind(6, std::int64_t{12300000} + r * 100);
        insert.run();
      }
      transaction.commit();
    }
    state.PauseTiming();
    remove_database(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * rows);
}

benchctl::store::RunRecord synthetic_run(std::int64_t id, int benchmarks, double scale) {
  benchctl::store::RunRecord run;
  run.id = id;
  run.suite_name = "self";
  for (int b = 0; b < benchmarks; ++b) {
    benchctl::store::ResultRecord result;
    result.name = "self/benchmark/" + std::to_string(b);
    result.kind = benchctl::store::ResultKind::benchmark;
    result.status = benchctl::store::ResultStatus::ok;
    for (int p = 0; p < 10; ++p) {
      benchctl::store::ProcessRecord process;
      process.index = p;
      for (int r = 0; r < 3; ++r) {
        const double seconds = scale * (1e-3 + 1e-6 * ((p * 7 + r * 3 + b) % 11));
        process.samples.push_back({r, 1000, seconds * 1000, seconds * 1000, {}, {}});
      }
      result.processes.push_back(std::move(process));
    }
    run.results.push_back(std::move(result));
  }
  return run;
}

// `benchctl compare A B` from a database: both runs of state.range(0) benchmarks (ten processes
// of three repetitions each) read with every sample, the machine's history read, every statistic
// and verdict computed, and with `rendered` the terminal's table written. On PostgreSQL with
// BENCHCTL_SELF_POSTGRES_URL (ci/measure-postgres.sh).
void compare_stored(benchmark::State& state, bool rendered) {
  const int benchmarks = static_cast<int>(state.range(0));
  const fs::path path = scratch_database();
  remove_database(path);
  auto store = postgres_url() ? open_postgres() : benchctl::store::open_sqlite_store(path);
  std::vector<std::int64_t> ids;
  for (const double scale : {1.0, 1.02}) {
    benchctl::store::RunRecord run = synthetic_run(0, benchmarks, scale);
    run.uuid = benchctl::util::random_uuid();
    run.status = benchctl::store::RunStatus::complete;
    // A machine of its own, so that on a shared PostgreSQL database the history read is this
    // process's two runs, as in its scratch SQLite file.
    run.environment.host = "self-" + std::to_string(::getpid());
    run.environment.cpu_model = "self";
    ids.push_back(*store->copy_run(run));
  }
  for (auto _ : state) {
    const auto comparison =
        benchctl::analysis::compare_stored(*store, {{ids[0]}, "a"}, {{ids[1]}, "b"}, std::nullopt);
    if (rendered) {
      benchmark::DoNotOptimize(benchctl::report::render_comparison(
          comparison, benchctl::report::Format::table, benchctl::report::Style{}));
    }
    benchmark::DoNotOptimize(comparison);
  }
  store.reset();
  remove_database(path);
  state.SetItemsProcessed(state.iterations() * benchmarks);
}

void BM_CompareStored(benchmark::State& state) {
  compare_stored(state, false);
}

// What a user waits for: read, judge and print.
void BM_CompareReport(benchmark::State& state) {
  compare_stored(state, true);
}

// Compares two runs of state.range(0) benchmarks, ten processes each: every statistic and
// verdict, as `benchctl compare` computes them.
void BM_CompareRuns(benchmark::State& state) {
  const int benchmarks = static_cast<int>(state.range(0));
  const std::vector<benchctl::store::RunRecord> before = {synthetic_run(1, benchmarks, 1.0)};
  const std::vector<benchctl::store::RunRecord> after = {synthetic_run(2, benchmarks, 1.02)};
  const benchctl::analysis::NoiseModel noise;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        benchctl::analysis::compare_runs(before, "a", after, "b", std::nullopt, noise));
  }
  state.SetItemsProcessed(state.iterations() * benchmarks);
}

// A year of nightly runs of a 200-benchmark suite, ten processes each, stored once per process
// (before the timing), each run in one transaction as `push` stores it: 365 transactions, where a
// process per transaction took 730,000 and more than the benchmark's 60 s timeout on a slow day.
class NightlyHistory {
 public:
  NightlyHistory(int runs, int benchmarks) : path_(scratch_database()) {
    remove_database(path_);
    // While the fixture is built, freed memory stays with the process: by default the allocator
    // hands the top of its heap back after every run stored and faults it in again for the next
    // (20 of the fixture's 25 s were the kernel's). The default is back before the timing.
    ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
    build(runs, benchmarks);
    ::mallopt(M_TRIM_THRESHOLD, 128 << 10);
  }
  ~NightlyHistory() { remove_database(path_); }
  const fs::path& path() const { return path_; }

 private:
  void build(int runs, int benchmarks) {
    auto store = benchctl::store::open_sqlite_store(path_);
    // One record, its figures rewritten for each night.
    benchctl::store::RunRecord run;
    run.suite_name = "nightly";
    run.suite_file = "nightly.yaml";
    run.status = benchctl::store::RunStatus::complete;
    run.started_at = "2026-01-01T02:30:00Z";
    run.config_hash = "hash";
    run.environment.host = "self-host";
    run.environment.cpu_model = "self-cpu";
    for (int b = 0; b < benchmarks; ++b) {
      benchctl::store::ResultRecord& result = run.results.emplace_back();
      result.name = "self/benchmark/" + std::to_string(b);
      result.plugin = "self";
      result.status = benchctl::store::ResultStatus::ok;
      result.processes.resize(10);
      for (int p = 0; p < 10; ++p) {
        result.processes[p].index = p;
        result.processes[p].samples.resize(1);
      }
    }
    for (int r = 0; r < runs; ++r) {
      run.uuid = benchctl::util::random_uuid();
      for (int b = 0; b < benchmarks; ++b) {
        // A 5% step at run 300 in every tenth benchmark.
        const double level = 1e-3 * (1 + b % 7) * (b % 10 == 0 && r >= 300 ? 1.05 : 1.0);
        for (int p = 0; p < 10; ++p) {
          const double seconds = level * (1 + 0.01 * ((p * 7 + r * 3 + b) % 11));
          run.results[b].processes[p].samples[0] = {0,  1000, seconds * 1000, seconds * 1000,
                                                    {}, {}};
        }
      }
      store->copy_run(run);
    }
  }

  fs::path path_;
};

// What `benchctl history --suite nightly` does over a year of nightly runs of 200 benchmarks:
// open the database, find the machine, load every benchmark's series, find the change points.
void BM_History(benchmark::State& state) {
  static const NightlyHistory history(static_cast<int>(state.range(0)), 200);
  std::size_t change_points = 0;
  for (auto _ : state) {
    auto store = benchctl::store::open_sqlite_store(history.path());
    const auto machines = store->machines(std::string("nightly"));
    benchctl::store::HistoryQuery query;
    query.host = machines.front().host;
    query.cpu_model = machines.front().cpu_model;
    query.suite = "nightly";
    const auto analysed =
        benchctl::analysis::analyse_history(store->load_history(query), machines.front(), {}, {});
    change_points = 0;
    for (const auto& b : analysed.benchmarks)
      change_points += b.change_points.size();
  }
  state.counters["change_points"] = static_cast<double>(change_points);
}

// The open-loop driver saturated: every request of the schedule is already due, so that the time
// per request is the driver's own (its clock reads, the schedule's inversion, the histograms).
void BM_LoadDriver(benchmark::State& state) {
  const auto requests = static_cast<double>(state.range(0));
  benchctl::runner::LoadProfile profile;
  profile.rate = 1e9;
  profile.duration = requests / profile.rate;
  const benchctl::runner::LoadSchedule schedule(profile);
  benchctl::runner::DriverSettings settings;
  settings.drain = 60;  // every request is sent, however late
  std::uint64_t completed = 0;
  for (auto _ : state) {
    const auto outcome = benchctl::runner::drive_load(
        schedule, settings, []() -> std::optional<std::string> { return std::nullopt; });
    completed += outcome.completed;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(completed));
  // Inverted rate of completed / 1e9: nanoseconds of wall time per request.
  state.counters["ns_per_request"] =
      benchmark::Counter(static_cast<double>(completed) * 1e-9,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHCTL_PLUGIN("self", "1.0.0", "benchctl's own library: storing samples and comparing runs") {
  benchctl::add("store/samples", BM_StoreSamples)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
  benchctl::add("sqlite/bulk_insert", BM_SqliteBulkInsert)
      ->Arg(1'000'000)
      ->Unit(benchmark::kMillisecond);
  benchctl::add("compare/benchmarks", BM_CompareRuns)->Arg(1000)->Unit(benchmark::kMillisecond);
  benchctl::add("compare/stored", BM_CompareStored)->Arg(1000)->Unit(benchmark::kMillisecond);
  benchctl::add("compare/report", BM_CompareReport)->Arg(1000)->Unit(benchmark::kMillisecond);
  benchctl::add("history/runs", BM_History)->Arg(365)->Unit(benchmark::kMillisecond);
  // Wall time: the requests run on the driver's threads, not on the benchmark's.
  benchctl::add("load_driver/requests", BM_LoadDriver)
      ->Arg(100'000)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  // What a load test of the driver alone measures: its highest sustained rate, how late it starts
  // requests (suites/self.yaml).
  benchctl::add_operation("noop", [] {});
}
