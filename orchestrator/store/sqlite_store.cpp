#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <map>

#include "stats/summary.h"
#include "store/migrations.h"
#include "store/sqlite.h"
#include "store/sqlite_alerts.h"
#include "store/sqlite_baselines.h"
#include "store/sqlite_builds.h"
#include "store/sqlite_maintenance.h"
#include "store/sqlite_profiles.h"
#include "store/sqlite_run_groups.h"
#include "store/sqlite_run_reading.h"
#include "store/store.h"
#include "store/stored_values.h"
#include "util/error.h"
#include "util/process_info.h"
#include "util/uuid.h"

namespace benchctl::store {
namespace {

constexpr std::size_t kSampleBatch = 100;
constexpr int kSampleColumns = 7;

// "INSERT INTO samples (...) VALUES (?, ...), (?, ...)..." for `rows` rows.
std::string sample_insert(std::size_t rows) {
  std::string sql =
      "INSERT INTO samples (result_id, process, repetition, iterations, real_ns, cpu_ns, "
      "instructions) VALUES ";
  for (std::size_t row = 0; row < rows; ++row)
    sql += row == 0 ? "(?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?)";
  return sql;
}

// Binds one sample as row `row` of a (multi-row) sample insert.
void bind_sample(Statement& insert, std::size_t row, std::int64_t result_id, int process,
                 const Sample& sample) {
  const int first = static_cast<int>(row) * kSampleColumns + 1;
  insert.bind(first, result_id).bind(first + 1, process).bind(first + 2, sample.repetition);
  insert.bind(first + 3, sample.iterations)
      .bind(first + 4, to_nanoseconds(sample.real_seconds))
      .bind(first + 5, to_nanoseconds(sample.cpu_seconds))
      .bind(first + 6, sample.instructions);
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& path)
      : database_(path),
        builds_(database_),
        alerts_(database_),
        baselines_(database_),
        maintenance_(database_),
        runs_(database_) {
    migrate(database_);
  }

  std::int64_t begin_run(const NewRun& run) override {
    Transaction transaction(database_);
    database_
        .prepare(
            "INSERT INTO runs (suite_name, suite_file, label, status, started_at, config_hash, "
            "config, environment, owner_host, owner_pid, owner_start_time, host, cpu_model, uuid, "
            "run_group, shard) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(run.suite_name, run.suite_file,
                  run.label.empty() ? std::optional<std::string>() : run.label,
                  util::utc_timestamp(), run.config_hash, object_text(run.config),
                  object_text(run.environment), util::host_name())
        .bind(9, static_cast<std::int64_t>(::getpid()))
        .bind(10, static_cast<std::int64_t>(util::process_start_time(::getpid()).value_or(0)))
        .bind(11, series_column(run.environment.series().host))
        .bind(12, series_column(run.environment.series().cpu_model))
        .bind(13, run.uuid.empty() ? util::random_uuid() : run.uuid)
        .bind(14, run.shard ? std::optional(run.shard->group) : std::nullopt)
        .bind(15, run.shard ? std::optional<std::int64_t>(run.shard->index) : std::nullopt)
        .run();
    const std::int64_t run_id = database_.last_insert_id();
    insert_plugins(run_id, run.plugins);
    transaction.commit();
    return run_id;
  }

  std::int64_t begin_result(std::int64_t run_id, const NewResult& result) override {
    Transaction transaction(database_);
    database_
        .prepare(
            "INSERT INTO results (run_id, name, plugin, kind, status, settings) VALUES (?, ?, ?, "
            "?, 'running', ?)")
        .bind_all(run_id, result.name,
                  result.plugin.empty() ? std::optional<std::string>() : result.plugin,
                  to_string(result.kind), nlohmann::json(result.settings).dump())
        .run();
    const std::int64_t id = database_.last_insert_id();
    transaction.commit();
    return id;
  }

  void add_process(std::int64_t result_id, const ProcessRecord& process) override {
    Transaction transaction(database_);
    insert_process(result_id, process);
    transaction.commit();
  }

  std::optional<std::int64_t> copy_run(const RunRecord& run) override {
    Transaction transaction(database_);
    Statement known = database_.prepare("SELECT count(*) FROM runs WHERE uuid = ?");
    known.bind(1, run.uuid).step();
    if (run.uuid.empty() || known.int64(0) > 0)
      return std::nullopt;
    database_
        .prepare(
            "INSERT INTO runs (uuid, suite_name, suite_file, label, status, started_at, "
            "finished_at, config_hash, config, environment, owner_host, owner_pid, "
            "owner_start_time, host, cpu_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, "
            "?)")
        .bind_all(run.uuid, run.suite_name, run.suite_file,
                  run.label.empty() ? std::optional<std::string>() : run.label,
                  to_string(run.status), run.started_at,
                  run.finished_at.empty() ? std::optional<std::string>() : run.finished_at,
                  run.config_hash, object_text(run.config), object_text(run.environment),
                  run.environment.host.value_or(""), series_column(run.environment.series().host),
                  series_column(run.environment.series().cpu_model))
        .run();
    const std::int64_t run_id = database_.last_insert_id();
    insert_plugins(run_id, run.plugins);
    for (const ResultRecord& result : run.results) {
      database_
          .prepare(
              "INSERT INTO results (run_id, name, plugin, kind, status, reason, output_tail, "
              "settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .bind_all(run_id, result.name,
                    result.plugin.empty() ? std::optional<std::string>() : result.plugin,
                    to_string(result.kind), to_string(result.status),
                    result.reason.empty() ? std::optional<std::string>() : result.reason,
                    result.output_tail.empty() ? std::optional<std::string>() : result.output_tail,
                    nlohmann::json(result.settings).dump())
          .run();
      const std::int64_t result_id = database_.last_insert_id();
      for (const ProcessRecord& process : result.processes)
        insert_process(result_id, process);
    }
    transaction.commit();
    return run_id;
  }

  void insert_plugins(std::int64_t run_id, const std::vector<PluginVersion>& plugins) {
    Statement plugin = database_.prepare(
        "INSERT INTO run_plugins (run_id, name, version, abi, benchmark_version, file, sha256) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const PluginVersion& p : plugins) {
      plugin.bind_all(run_id, p.name, p.version, p.abi, p.benchmark_version);
      plugin.bind(6, p.file)
          .bind(7, p.sha256.empty() ? std::optional<std::string>() : p.sha256)
          .run();
    }
  }

  // A process's rows, inside the caller's transaction.
  void insert_process(std::int64_t result_id, const ProcessRecord& process) {
    if (!insert_process_) {
      insert_process_.emplace(database_.prepare(
          "INSERT INTO processes (result_id, process, peak_rss_bytes, median_real_seconds, "
          "median_cpu_seconds, steal, cpu_pressure, cpu, involuntary_switches, position, "
          "allowed_cpus, allocations, frees, allocated_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?)"));
      insert_sample_.emplace(database_.prepare(sample_insert(1)));
      insert_samples_batch_.emplace(database_.prepare(sample_insert(kSampleBatch)));
      insert_counter_.emplace(
          database_.prepare("INSERT INTO sample_counters (result_id, process, repetition, name, "
                            "value) VALUES (?, ?, ?, ?, ?)"));
    }
    const ProcessConditions& conditions = process.conditions;
    insert_process_->bind(1, result_id)
        .bind(2, process.index)
        .bind(3, process.peak_rss_bytes)
        .bind(4, median_per_iteration(process, false))
        .bind(5, median_per_iteration(process, true))
        .bind(6, conditions.steal)
        .bind(7, conditions.cpu_pressure);
    insert_process_->bind(8, conditions.cpu)
        .bind(9, conditions.involuntary_switches)
        .bind(10, conditions.position)
        .bind(11, cpu_list_or_null(conditions.allowed_cpus));
    const std::optional<AllocationCounts>& allocations = process.allocations;
    insert_process_->bind(12, allocations ? std::optional(allocations->allocations) : std::nullopt)
        .bind(13, allocations ? std::optional(allocations->frees) : std::nullopt)
        .bind(14, allocations ? std::optional(allocations->bytes) : std::nullopt)
        .run();
    // Samples go in batches of rows per statement: one statement per row costs more than the row.
    const std::vector<Sample>& samples = process.samples;
    std::size_t next = 0;
    for (; next + kSampleBatch <= samples.size(); next += kSampleBatch) {
      for (std::size_t i = 0; i < kSampleBatch; ++i)
        bind_sample(*insert_samples_batch_, i, result_id, process.index, samples[next + i]);
      insert_samples_batch_->run();
    }
    for (; next < samples.size(); ++next) {
      bind_sample(*insert_sample_, 0, result_id, process.index, samples[next]);
      insert_sample_->run();
    }
    for (const Sample& sample : samples) {
      for (const auto& [name, value] : sample.counters) {
        insert_counter_->bind(1, result_id).bind(2, process.index).bind(3, sample.repetition);
        insert_counter_->bind(4, name).bind(5, value).run();
      }
    }
    if (process.load)
      insert_load(result_id, process.index, *process.load);
  }

  void insert_load(std::int64_t result_id, int process, const LoadRecord& load) {
    const auto count = [](std::uint64_t n) { return static_cast<std::int64_t>(n); };
    Statement totals = database_.prepare(
        "INSERT INTO load_processes (result_id, process, intended, sent, completed, errors, late, "
        "dropped, elapsed, first_error, latency, schedule_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?)");
    totals.bind_all(result_id, process, count(load.intended));
    totals.bind(4, count(load.sent)).bind(5, count(load.completed)).bind(6, count(load.errors));
    totals.bind(7, count(load.late)).bind(8, count(load.dropped)).bind(9, load.elapsed);
    totals.bind(10, load.first_error.empty() ? std::optional<std::string>() : load.first_error);
    totals.bind(11, nlohmann::json(load.latency).dump())
        .bind(12, nlohmann::json(load.schedule_error).dump())
        .run();
    Statement second = database_.prepare(
        "INSERT INTO load_seconds (result_id, process, second, latency) VALUES (?, ?, ?, ?)");
    for (std::size_t index = 0; index < load.seconds.size(); ++index) {
      second.bind_all(result_id, process, static_cast<std::int64_t>(index));
      second.bind(4, nlohmann::json(load.seconds[index]).dump()).run();
    }
  }

  void finish_result(std::int64_t result_id, ResultStatus status, const std::string& reason,
                     const std::string& output_tail) override {
    Transaction transaction(database_);
    database_.prepare("UPDATE results SET status = ?, reason = ?, output_tail = ? WHERE id = ?")
        .bind_all(to_string(status), reason.empty() ? std::optional<std::string>() : reason,
                  output_tail.empty() ? std::optional<std::string>() : output_tail, result_id)
        .run();
    transaction.commit();
  }

  void finish_run(std::int64_t run_id, RunStatus status) override {
    Transaction transaction(database_);
    database_.prepare("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?")
        .bind_all(to_string(status), util::utc_timestamp(), run_id)
        .run();
    // Results a killed worker left running are failed, not silently dropped.
    database_
        .prepare(
            "UPDATE results SET status = 'failed', reason = 'the run ended before it finished' "
            "WHERE run_id = ? AND status = 'running'")
        .bind(1, run_id)
        .run();
    transaction.commit();
  }

  std::int64_t link_ab(const AbLink& link) override {
    Transaction transaction(database_);
    database_
        .prepare(
            "INSERT INTO ab_pairs (run_a, run_b, label_a, label_b, looks, created_at) VALUES (?, "
            "?, ?, ?, ?, ?)")
        .bind_all(link.run_a, link.run_b, link.label_a, link.label_b, link.looks,
                  util::utc_timestamp())
        .run();
    const std::int64_t id = database_.last_insert_id();
    transaction.commit();
    return id;
  }

  int mark_abandoned_runs() override { return maintenance_.mark_abandoned_runs(); }

  std::vector<RunRecord> list_runs(int limit) override { return runs_.list(limit); }
  RunRecord load_run(std::int64_t run_id, const RunReading& reading) override {
    return runs_.load(run_id, reading);
  }
  std::vector<Machine> machines(const std::optional<std::string>& suite) override {
    return runs_.machines(suite);
  }
  std::vector<HistoryPoint> load_history(const HistoryQuery& query) override {
    return runs_.history(query);
  }

  std::optional<std::int64_t> latest_run_id() override {
    Statement query =
        database_.prepare(std::string("SELECT max(id) FROM runs WHERE ") + kSqliteNotAbSide);
    query.step();
    return query.optional_int64(0);
  }

  void save_baseline(const std::string& name, const std::vector<std::int64_t>& run_ids,
                     const std::string& note, bool replace) override {
    baselines_.save(name, run_ids, note, replace);
  }

  std::vector<Alert> list_alerts(const AlertQuery& query) override { return alerts_.list(query); }
  std::int64_t save_alert(const Alert& alert) override { return alerts_.save(alert); }

  bool has_build_file(const std::string& sha256) override { return builds_.has(sha256); }
  void keep_build_file(const std::string& sha256, const std::string& content) override {
    builds_.keep(sha256, content);
  }
  std::optional<std::string> load_build_file(const std::string& sha256) override {
    return builds_.load(sha256);
  }
  std::int64_t save_profile(const ProfileRecord& profile) override {
    return save_sqlite_profile(database_, profile);
  }
  std::vector<ProfileRecord> load_profiles(std::int64_t run_id) override {
    return load_sqlite_profiles(database_, run_id);
  }

  RunGroup claim_run_group(const RunGroup& group) override {
    return claim_sqlite_run_group(database_, group);
  }

  std::optional<RunGroup> find_run_group(const std::string& name) override {
    return find_sqlite_run_group(database_, name);
  }

  std::optional<RunGroup> previous_run_group(const std::string& suite, int shards,
                                             const std::string& except) override {
    return previous_sqlite_run_group(database_, suite, shards, except);
  }

  MaintenanceReport maintain(const MaintenanceRequest& request) override {
    return maintenance_.maintain(request, builds_);
  }

  std::vector<Baseline> list_baselines() override { return baselines_.query(std::nullopt); }

  std::optional<Baseline> find_baseline(const std::string& name) override {
    auto found = baselines_.query(name);
    if (found.empty())
      return std::nullopt;
    return std::move(found.front());
  }

  bool delete_baseline(const std::string& name) override { return baselines_.remove(name); }

 private:
  Database database_;
  SqliteBuildFiles builds_;
  SqliteAlerts alerts_;
  SqliteBaselines baselines_;
  SqliteMaintenance maintenance_;
  SqliteRunReading runs_;
  std::optional<Statement> insert_process_;
  std::optional<Statement> insert_sample_;
  std::optional<Statement> insert_samples_batch_;
  std::optional<Statement> insert_counter_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path) {
  std::error_code error;
  if (path.has_parent_path())
    std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    throw StorageError(fmt::format("{}: cannot create the directory: {}",
                                   path.parent_path().string(), error.message()));
  }
  return std::make_unique<SqliteStore>(path);
}

}  // namespace benchctl::store
