#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <map>

#include "stats/summary.h"
#include "store/migrations.h"
#include "store/sqlite.h"
#include "store/sqlite_alerts.h"
#include "store/sqlite_builds.h"
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

// The runs of an A/B (ab, compare --resolve) are paired measurements of two builds at one moment,
// not points of a suite's series: `latest`, histories and machines leave them out.
constexpr const char* kNotAbSide =
    "id NOT IN (SELECT run_a FROM ab_pairs UNION SELECT run_b FROM ab_pairs)";

// The columns of a run every query reads, and reading them back.
constexpr const char* kRunColumns =
    "id, suite_name, suite_file, label, status, started_at, finished_at, config_hash, environment, "
    "uuid";
constexpr int kRunColumnCount = 10;

RunRecord read_run(const Statement& row) {
  RunRecord run;
  run.id = row.int64(0);
  run.suite_name = row.text(1);
  run.suite_file = row.text(2);
  run.label = row.text(3);
  run.status = run_status_from_string(row.text(4));
  run.started_at = row.text(5);
  run.finished_at = row.text(6);
  run.config_hash = row.text(7);
  run.environment = parse_json(row.text(8));
  run.uuid = row.text(9);
  return run;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& path)
      : database_(path), builds_(database_), alerts_(database_) {
    migrate(database_);
  }

  std::int64_t begin_run(const NewRun& run) override {
    Transaction transaction(database_);
    database_
        .prepare(
            "INSERT INTO runs (suite_name, suite_file, label, status, started_at, config_hash, "
            "config, environment, owner_host, owner_pid, owner_start_time, host, cpu_model, uuid) "
            "VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, run.suite_name)
        .bind(2, run.suite_file)
        .bind(3, run.label.empty() ? std::optional<std::string>() : run.label)
        .bind(4, util::utc_timestamp())
        .bind(5, run.config_hash)
        .bind(6, object_text(run.config))
        .bind(7, object_text(run.environment))
        .bind(8, util::host_name())
        .bind(9, static_cast<std::int64_t>(::getpid()))
        .bind(10, static_cast<std::int64_t>(util::process_start_time(::getpid()).value_or(0)))
        .bind(11, environment_text(run.environment, "host"))
        .bind(12, environment_text(run.environment, "cpu_model"))
        .bind(13, run.uuid.empty() ? util::random_uuid() : run.uuid)
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
        .bind(1, run_id)
        .bind(2, result.name)
        .bind(3, result.plugin.empty() ? std::optional<std::string>() : result.plugin)
        .bind(4, to_string(result.kind))
        .bind(5, nlohmann::json(result.settings).dump())
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
        .bind(1, run.uuid)
        .bind(2, run.suite_name)
        .bind(3, run.suite_file)
        .bind(4, run.label.empty() ? std::optional<std::string>() : run.label)
        .bind(5, to_string(run.status))
        .bind(6, run.started_at)
        .bind(7, run.finished_at.empty() ? std::optional<std::string>() : run.finished_at)
        .bind(8, run.config_hash)
        .bind(9, object_text(run.config))
        .bind(10, object_text(run.environment))
        .bind(11, environment_text(run.environment, "host").value_or(""))
        .bind(12, environment_text(run.environment, "host"))
        .bind(13, environment_text(run.environment, "cpu_model"))
        .run();
    const std::int64_t run_id = database_.last_insert_id();
    insert_plugins(run_id, run.plugins);
    for (const ResultRecord& result : run.results) {
      database_
          .prepare(
              "INSERT INTO results (run_id, name, plugin, kind, status, reason, output_tail, "
              "settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .bind(1, run_id)
          .bind(2, result.name)
          .bind(3, result.plugin.empty() ? std::optional<std::string>() : result.plugin)
          .bind(4, to_string(result.kind))
          .bind(5, to_string(result.status))
          .bind(6, result.reason.empty() ? std::optional<std::string>() : result.reason)
          .bind(7, result.output_tail.empty() ? std::optional<std::string>() : result.output_tail)
          .bind(8, nlohmann::json(result.settings).dump())
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
      plugin.bind(1, run_id)
          .bind(2, p.name)
          .bind(3, p.version)
          .bind(4, p.abi)
          .bind(5, p.benchmark_version);
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
          "median_cpu_seconds, steal, cpu_pressure, cpu, involuntary_switches, position) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
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
    totals.bind(1, result_id).bind(2, process).bind(3, count(load.intended));
    totals.bind(4, count(load.sent)).bind(5, count(load.completed)).bind(6, count(load.errors));
    totals.bind(7, count(load.late)).bind(8, count(load.dropped)).bind(9, load.elapsed);
    totals.bind(10, load.first_error.empty() ? std::optional<std::string>() : load.first_error);
    totals.bind(11, nlohmann::json(load.latency).dump())
        .bind(12, nlohmann::json(load.schedule_error).dump())
        .run();
    Statement second = database_.prepare(
        "INSERT INTO load_seconds (result_id, process, second, latency) VALUES (?, ?, ?, ?)");
    for (std::size_t index = 0; index < load.seconds.size(); ++index) {
      second.bind(1, result_id).bind(2, process).bind(3, static_cast<std::int64_t>(index));
      second.bind(4, nlohmann::json(load.seconds[index]).dump()).run();
    }
  }

  void finish_result(std::int64_t result_id, ResultStatus status, const std::string& reason,
                     const std::string& output_tail) override {
    Transaction transaction(database_);
    database_.prepare("UPDATE results SET status = ?, reason = ?, output_tail = ? WHERE id = ?")
        .bind(1, to_string(status))
        .bind(2, reason.empty() ? std::optional<std::string>() : reason)
        .bind(3, output_tail.empty() ? std::optional<std::string>() : output_tail)
        .bind(4, result_id)
        .run();
    transaction.commit();
  }

  void finish_run(std::int64_t run_id, RunStatus status) override {
    Transaction transaction(database_);
    database_.prepare("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?")
        .bind(1, to_string(status))
        .bind(2, util::utc_timestamp())
        .bind(3, run_id)
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
        .bind(1, link.run_a)
        .bind(2, link.run_b)
        .bind(3, link.label_a)
        .bind(4, link.label_b)
        .bind(5, link.looks)
        .bind(6, util::utc_timestamp())
        .run();
    const std::int64_t id = database_.last_insert_id();
    transaction.commit();
    return id;
  }

  int mark_abandoned_runs() override {
    Transaction transaction(database_);
    Statement running = database_.prepare(
        "SELECT id, owner_pid, owner_start_time FROM runs WHERE status = 'running' AND owner_host "
        "= ?");
    running.bind(1, util::host_name());
    std::vector<std::int64_t> abandoned;
    while (running.step()) {
      const auto pid = static_cast<pid_t>(running.int64(1));
      const auto started = util::process_start_time(pid);
      if (!started || static_cast<std::int64_t>(*started) != running.int64(2))
        abandoned.push_back(running.int64(0));
    }
    Statement mark = database_.prepare("UPDATE runs SET status = 'incomplete' WHERE id = ?");
    Statement fail_results = database_.prepare(
        "UPDATE results SET status = 'failed', reason = 'benchctl stopped before this benchmark "
        "finished' "
        "WHERE run_id = ? AND status = 'running'");
    for (const std::int64_t id : abandoned) {
      mark.bind(1, id).run();
      fail_results.bind(1, id).run();
    }
    transaction.commit();
    return static_cast<int>(abandoned.size());
  }

  std::vector<RunRecord> list_runs(int limit) override {
    Statement query = database_.prepare(
        std::string("SELECT ") + kRunColumns +
        ", (SELECT count(*) FROM results WHERE run_id = runs.id), "
        "(SELECT count(*) FROM results WHERE run_id = runs.id AND status = 'failed') "
        "FROM runs ORDER BY id DESC LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(limit));
    std::vector<RunRecord> runs;
    while (query.step()) {
      RunRecord run = read_run(query);
      run.result_count = static_cast<int>(query.int64(kRunColumnCount));
      run.failed_count = static_cast<int>(query.int64(kRunColumnCount + 1));
      runs.push_back(std::move(run));
    }
    return runs;
  }

  RunRecord load_run(std::int64_t run_id, const RunReading& reading) override {
    Statement query =
        database_.prepare(std::string("SELECT ") + kRunColumns + ", config FROM runs WHERE id = ?");
    query.bind(1, run_id);
    if (!query.step())
      throw InputError(fmt::format("no run {} in {}", run_id, database_.path().string()));
    RunRecord run = read_run(query);
    run.config = parse_json(query.text(kRunColumnCount));
    Statement ab = database_.prepare(
        "SELECT id, run_a, run_b, label_a, label_b, looks FROM ab_pairs WHERE run_a = ?1 OR "
        "run_b = ?1");
    ab.bind(1, run_id);
    if (ab.step()) {
      run.ab = AbLink{ab.int64(0), ab.int64(1), ab.int64(2),
                      ab.text(3),  ab.text(4),  static_cast<int>(ab.int64(5))};
    }

    Statement plugins = database_.prepare(
        "SELECT name, version, abi, benchmark_version, file, sha256 FROM run_plugins WHERE "
        "run_id = ? ORDER BY name");
    plugins.bind(1, run_id);
    while (plugins.step()) {
      run.plugins.push_back({plugins.text(0), plugins.text(1), plugins.text(2), plugins.text(3),
                             plugins.text(4), plugins.text(5)});
    }

    std::map<std::int64_t, std::size_t> result_index;
    SettingsParser settings;
    Statement results = database_.prepare(
        "SELECT id, name, plugin, kind, status, reason, output_tail, settings FROM results WHERE "
        "run_id = ? ORDER BY id");
    results.bind(1, run_id);
    while (results.step()) {
      ResultRecord result;
      result.id = results.int64(0);
      result.name = results.text(1);
      result.plugin = results.text(2);
      result.kind = result_kind_from_string(results.text(3));
      result.status = result_status_from_string(results.text(4));
      result.reason = results.text(5);
      result.output_tail = results.text(6);
      result.settings = settings.parse(results.text(7));
      result_index[result.id] = run.results.size();
      run.results.push_back(std::move(result));
      run.failed_count += run.results.back().status == ResultStatus::failed ? 1 : 0;
    }
    run.result_count = static_cast<int>(run.results.size());

    // Processes, then samples, then counters, each in (result, process, repetition) order.
    std::map<std::pair<std::int64_t, int>, ProcessRecord*> process_of;
    Statement processes = database_.prepare(
        "SELECT p.result_id, p.process, p.peak_rss_bytes, p.steal, p.cpu_pressure, p.cpu, "
        "p.involuntary_switches, p.position, p.median_real_seconds, p.median_cpu_seconds FROM "
        "processes p WHERE p.result_id IN (SELECT id FROM results WHERE run_id = ?) ORDER BY "
        "p.result_id, p.process");
    processes.bind(1, run_id);
    while (processes.step()) {
      ResultRecord& result = run.results[result_index.at(processes.int64(0))];
      ProcessRecord& process = result.processes.emplace_back();
      process.index = static_cast<int>(processes.int64(1));
      process.peak_rss_bytes = processes.optional_int64(2);
      process.conditions.steal = processes.optional_real(3);
      process.conditions.cpu_pressure = processes.optional_real(4);
      process.conditions.cpu = optional_int(processes.optional_int64(5));
      process.conditions.involuntary_switches = processes.optional_int64(6);
      process.conditions.position = optional_int(processes.optional_int64(7));
      process.median_real_seconds = processes.optional_real(8);
      process.median_cpu_seconds = processes.optional_real(9);
    }
    for (ResultRecord& result : run.results) {
      for (ProcessRecord& process : result.processes)
        process_of[{result.id, process.index}] = &process;
    }
    Statement samples = database_.prepare(
        "SELECT s.result_id, s.process, s.repetition, s.iterations, s.real_ns, s.cpu_ns, "
        "s.instructions FROM samples s "
        "WHERE s.result_id IN (SELECT id FROM results WHERE run_id = ?1) AND (?2 OR "
        "s.instructions IS NOT NULL OR s.real_ns IS NULL) ORDER BY s.result_id, s.process, "
        "s.repetition");
    samples.bind(1, run_id).bind(2, reading.timed_samples ? 1 : 0);
    while (samples.step()) {
      Sample sample;
      sample.repetition = static_cast<int>(samples.int64(2));
      sample.iterations = samples.int64(3);
      sample.real_seconds = to_seconds(samples.optional_int64(4));
      sample.cpu_seconds = to_seconds(samples.optional_int64(5));
      sample.instructions = samples.optional_int64(6);
      process_of.at({samples.int64(0), static_cast<int>(samples.int64(1))})
          ->samples.push_back(std::move(sample));
    }
    Statement counters = database_.prepare(
        "SELECT c.result_id, c.process, c.repetition, c.name, c.value FROM sample_counters c "
        "WHERE c.result_id IN (SELECT id FROM results WHERE run_id = ?1) AND (?2 IS NULL OR "
        "c.name IN (SELECT value FROM json_each(?2)))");
    counters.bind(1, run_id);
    if (reading.counters)
      counters.bind(2, nlohmann::json(*reading.counters).dump());
    else
      counters.bind_null(2);
    while (counters.step()) {
      ProcessRecord* process =
          process_of.at({counters.int64(0), static_cast<int>(counters.int64(1))});
      const int repetition = static_cast<int>(counters.int64(2));
      for (Sample& sample : process->samples) {
        if (sample.repetition == repetition)
          sample.counters[counters.text(3)] = counters.real(4);
      }
    }
    read_load(run_id, process_of);
    return run;
  }

  template <class ProcessIndex>
  void read_load(std::int64_t run_id, const ProcessIndex& process_of) {
    Statement totals = database_.prepare(
        "SELECT l.result_id, l.process, l.intended, l.sent, l.completed, l.errors, l.late, "
        "l.dropped, l.elapsed, l.first_error, l.latency, l.schedule_error FROM load_processes l "
        "WHERE l.result_id IN (SELECT id FROM results WHERE run_id = ?)");
    totals.bind(1, run_id);
    while (totals.step()) {
      LoadRecord& load =
          process_of.at({totals.int64(0), static_cast<int>(totals.int64(1))})->load.emplace();
      const auto count = [&](int column) {
        return static_cast<std::uint64_t>(totals.int64(column));
      };
      load.intended = count(2);
      load.sent = count(3);
      load.completed = count(4);
      load.errors = count(5);
      load.late = count(6);
      load.dropped = count(7);
      load.elapsed = totals.real(8);
      load.first_error = totals.text(9);
      load.latency = stored_histogram(totals.text(10));
      load.schedule_error = stored_histogram(totals.text(11));
    }
    Statement seconds = database_.prepare(
        "SELECT s.result_id, s.process, s.second, s.latency FROM load_seconds s WHERE s.result_id "
        "IN (SELECT id FROM results WHERE run_id = ?) ORDER BY s.result_id, s.process, s.second");
    seconds.bind(1, run_id);
    while (seconds.step()) {
      ProcessRecord* process =
          process_of.at({seconds.int64(0), static_cast<int>(seconds.int64(1))});
      if (!process->load)
        throw StorageError("a load test's second without its process's totals in the database");
      const auto second = static_cast<std::size_t>(seconds.int64(2));
      process->load->seconds.resize(std::max(process->load->seconds.size(), second + 1));
      process->load->seconds[second] = stored_histogram(seconds.text(3));
    }
  }

  std::optional<std::int64_t> latest_run_id() override {
    Statement query =
        database_.prepare(std::string("SELECT max(id) FROM runs WHERE ") + kNotAbSide);
    query.step();
    return query.optional_int64(0);
  }

  void save_baseline(const std::string& name, const std::vector<std::int64_t>& run_ids,
                     const std::string& note, bool replace) override {
    if (run_ids.empty())
      throw InputError(fmt::format("baseline '{}' needs at least one run", name));
    Transaction transaction(database_);
    Statement run = database_.prepare("SELECT count(*) FROM runs WHERE id = ?");
    for (const std::int64_t run_id : run_ids) {
      run.bind(1, run_id).step();
      if (run.int64(0) == 0)
        throw InputError(fmt::format("no run {} in {}", run_id, database_.path().string()));
      run.reset();
    }
    Statement existing = database_.prepare("SELECT run_id FROM baselines WHERE name = ?");
    existing.bind(1, name);
    if (existing.step() && !replace) {
      throw InputError(fmt::format("baseline '{}' already exists (run {}); pass --force to move it",
                                   name, existing.int64(0)));
    }
    database_
        .prepare(
            "INSERT INTO baselines (name, run_id, note, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET run_id = excluded.run_id, note = excluded.note, "
            "created_at = excluded.created_at")
        .bind(1, name)
        .bind(2, *std::max_element(run_ids.begin(), run_ids.end()))
        .bind(3, note.empty() ? std::optional<std::string>() : note)
        .bind(4, util::utc_timestamp())
        .run();
    database_.prepare("DELETE FROM baseline_runs WHERE name = ?").bind(1, name).run();
    Statement member =
        database_.prepare("INSERT OR IGNORE INTO baseline_runs (name, run_id) VALUES (?, ?)");
    for (const std::int64_t run_id : run_ids)
      member.bind(1, name).bind(2, run_id).run();
    transaction.commit();
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

  MaintenanceReport maintain(const MaintenanceRequest& request) override {
    MaintenanceReport report;
    report.bytes_before = database_size();
    const auto days_ago = [](int days) {
      return util::utc_timestamp(std::chrono::system_clock::now() - std::chrono::hours(24) * days);
    };
    if (request.retain_build_days) {
      Transaction transaction(database_);
      builds_.retain(days_ago(*request.retain_build_days), report);
      transaction.commit();
    }
    if (request.retain_sample_days) {
      Transaction transaction(database_);
      const std::string cutoff = days_ago(*request.retain_sample_days);
      // Runs still being written keep everything.
      const std::string old_results =
          "SELECT r.id FROM results r JOIN runs ru ON ru.id = r.run_id WHERE ru.started_at < ?1 "
          "AND ru.status != 'running'";
      Statement runs = database_.prepare(
          "SELECT count(DISTINCT r.run_id), count(*) FROM samples s JOIN results r ON r.id = "
          "s.result_id WHERE s.result_id IN (" +
          old_results + ")");
      runs.bind(1, cutoff);
      runs.step();
      report.runs_pruned = static_cast<int>(runs.int64(0));
      report.samples_deleted = runs.int64(1);
      database_.prepare("DELETE FROM sample_counters WHERE result_id IN (" + old_results + ")")
          .bind(1, cutoff)
          .run();
      database_.prepare("DELETE FROM samples WHERE result_id IN (" + old_results + ")")
          .bind(1, cutoff)
          .run();
      transaction.commit();
    }
    database_.exec("PRAGMA optimize");
    if (request.vacuum)
      database_.exec("VACUUM");
    database_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    report.bytes_after = database_size();
    return report;
  }

  // Bytes of the database file and its write-ahead log.
  std::int64_t database_size() const {
    std::int64_t bytes = 0;
    for (const auto& file :
         {database_.path(), std::filesystem::path(database_.path().string() + "-wal")}) {
      std::error_code error;
      if (const auto size = std::filesystem::file_size(file, error); !error)
        bytes += static_cast<std::int64_t>(size);
    }
    return bytes;
  }

  std::vector<Machine> machines(const std::optional<std::string>& suite) override {
    Statement select = database_.prepare(
        std::string("SELECT host, cpu_model, count(*), max(id) FROM runs WHERE status = 'complete' "
                    "AND ") +
        kNotAbSide +
        " AND "
        "(?1 IS NULL OR suite_name = ?1) GROUP BY host, cpu_model ORDER BY max(id) DESC");
    select.bind(1, suite);
    std::vector<Machine> found;
    while (select.step()) {
      found.push_back(
          {select.text(0), select.text(1), static_cast<int>(select.int64(2)), select.int64(3)});
    }
    return found;
  }

  std::vector<HistoryPoint> load_history(const HistoryQuery& query) override {
    HistoryBuilder history;
    // The machine's runs, then their results (each benchmark's newest when asked), then the
    // results' medians: three narrow reads instead of one join sorted with a settings text per
    // process (3.6 s for 200 runs of 1,000 benchmarks, most of it SQLite's sort on disk).
    Statement runs = database_.prepare(
        "SELECT id, started_at, json_extract(environment, '$.git_commit') FROM runs "
        // An imported run may know no host or CPU model: machines() reads those as ''.
        "WHERE IFNULL(host, '') = ?1 AND IFNULL(cpu_model, '') = ?2 AND status = 'complete' AND " +
        std::string(kNotAbSide) +
        " "
        "AND (?3 IS NULL OR id < ?3) AND (?4 IS NULL OR suite_name = ?4)");
    runs.bind(1, query.host)
        .bind(2, query.cpu_model)
        .bind(3, query.before_run)
        .bind(4, query.suite);
    nlohmann::json run_ids = nlohmann::json::array();
    while (runs.step()) {
      run_ids.push_back(runs.int64(0));
      history.add_run(runs.int64(0), runs.text(1), runs.text(2));
    }
    Statement results = database_.prepare(
        "WITH newest AS (SELECT id, row_number() OVER (PARTITION BY name ORDER BY run_id DESC) AS "
        "newness FROM results WHERE run_id IN (SELECT value FROM json_each(?1)) AND status = 'ok' "
        "AND (json_array_length(?2) = 0 OR name IN (SELECT value FROM json_each(?2)))) "
        "SELECT r.id, r.run_id, r.name, r.settings FROM newest n JOIN results r ON r.id = n.id "
        "WHERE (?3 IS NULL OR n.newness <= ?3) AND r.run_id NOT IN (SELECT value FROM "
        "json_each(?4))");
    results.bind(1, run_ids.dump())
        .bind(2, nlohmann::json(query.names).dump())
        .bind(3, query.newest_runs ? std::optional<std::int64_t>(*query.newest_runs) : std::nullopt)
        .bind(4, nlohmann::json(query.left_out_runs).dump());
    while (results.step())
      history.add_result(results.int64(0), results.int64(1), results.text(2), results.text(3));
    Statement medians = database_.prepare(
        "SELECT result_id, median_real_seconds, median_cpu_seconds FROM processes WHERE "
        "result_id IN (SELECT value FROM json_each(?1)) ORDER BY result_id, process");
    medians.bind(1, nlohmann::json(history.result_ids()).dump());
    while (medians.step())
      history.add_medians(medians.int64(0), medians.optional_real(1), medians.optional_real(2));
    return history.take();
  }

  std::vector<Baseline> list_baselines() override { return query_baselines(std::nullopt); }

  std::optional<Baseline> find_baseline(const std::string& name) override {
    auto found = query_baselines(name);
    if (found.empty())
      return std::nullopt;
    return std::move(found.front());
  }

  bool delete_baseline(const std::string& name) override {
    Transaction transaction(database_);
    database_.prepare("DELETE FROM baselines WHERE name = ?").bind(1, name).run();
    Statement changes = database_.prepare("SELECT changes()");
    changes.step();
    const bool deleted = changes.int64(0) > 0;
    transaction.commit();
    return deleted;
  }

 private:
  std::vector<Baseline> query_baselines(const std::optional<std::string>& name) {
    Statement query = database_.prepare(
        "SELECT b.name, b.run_id, b.note, b.created_at, r.suite_name, r.started_at, r.status, "
        "r.environment, (SELECT json_group_array(run_id) FROM (SELECT run_id FROM baseline_runs "
        "WHERE name = b.name ORDER BY run_id)) FROM baselines b JOIN runs r ON r.id = b.run_id "
        "WHERE ?1 IS NULL OR b.name = ?1 ORDER BY b.created_at, b.name");
    query.bind(1, name);
    std::vector<Baseline> baselines;
    while (query.step()) {
      Baseline baseline;
      baseline.name = query.text(0);
      baseline.run_ids = stored_run_ids(query.text(8));
      baseline.note = query.text(2);
      baseline.created_at = query.text(3);
      baseline.run.id = query.int64(1);
      baseline.run.suite_name = query.text(4);
      baseline.run.started_at = query.text(5);
      baseline.run.status = run_status_from_string(query.text(6));
      baseline.run.environment = parse_json(query.text(7));
      baselines.push_back(std::move(baseline));
    }
    return baselines;
  }

  Database database_;
  SqliteBuildFiles builds_;
  SqliteAlerts alerts_;
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
