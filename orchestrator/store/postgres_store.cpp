// The Store on PostgreSQL, through libpqxx: SQLite's tables (schema/postgresql/), except that a
// process's samples are arrays in its row; each write in its own transaction. Built into
// benchctl-postgres.so (store/postgres_module.h).
#include <unistd.h>

#include <cstdlib>

#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <map>

#include "store/location.h"
#include "store/migrations.h"
#include "store/postgres_alerts.h"
#include "store/postgres_builds.h"
#include "store/postgres_module.h"
#include "store/postgres_run_reading.h"
#include "store/postgres_text.h"
#include "store/stored_values.h"
#include "util/error.h"
#include "util/process_info.h"
#include "util/uuid.h"

namespace benchctl::store {

const std::vector<Migration>& postgresql_migrations();  // generated from schema/postgresql/

namespace {

// Any two runners migrating at once queue on this advisory lock ("benchctl" in ASCII).
constexpr std::int64_t kMigrationLock = 0x62656e636863746c;

std::string first_line(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "unknown error" : line;
}

// COPY's text format: a NULL is \N; backslashes and control characters are escaped.
std::string copy_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Sends rows to `table` with COPY, the fastest way in for many rows (a process's counters), inside
// the caller's transaction. `rows` calls its argument with each line.
// libpqxx 6's stream_to cannot write a NULL; its predecessor tablewriter writes lines as given.
template <class Rows>
void copy_rows(pqxx::work& work, const std::string& table, const std::vector<std::string>& columns,
               Rows&& rows) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  pqxx::tablewriter writer(work, table, columns.begin(), columns.end());
  rows([&](const std::string& line) { writer.write_raw_line(line); });
  writer.complete();
#pragma GCC diagnostic pop
}

std::optional<std::string> text_or_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// Copies the processes' medians of the results in $1 (an array of ids) into their rows, in process
// order: a history reads them there (schema/postgresql/0003). A result without processes keeps
// NULL.
constexpr const char* kCopyMediansIntoResults =
    "UPDATE results r SET median_real_seconds = m.real, median_cpu_seconds = m.cpu FROM (SELECT "
    "result_id, array_agg(median_real_seconds ORDER BY process) AS real, "
    "array_agg(median_cpu_seconds ORDER BY process) AS cpu FROM processes WHERE result_id = "
    "ANY($1::bigint[]) GROUP BY result_id) m WHERE r.id = m.result_id";

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& url)
      : shown_(without_password(url)), connection_(connect(url)) {
    guarded([&] { migrate(); });
  }

  std::int64_t begin_run(const NewRun& run) override {
    return guarded([&] {
      pqxx::work work(*connection_);
      const std::int64_t id =
          work.exec_params1(
                  "INSERT INTO runs (uuid, suite_name, suite_file, label, status, started_at, "
                  "config_hash, config, environment, owner_host, owner_pid, owner_start_time, "
                  "host, "
                  "cpu_model) VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8, $9, $10, $11, "
                  "$12, "
                  "$13) RETURNING id",
                  run.uuid.empty() ? util::random_uuid() : run.uuid, run.suite_name, run.suite_file,
                  text_or_null(run.label), util::utc_timestamp(), run.config_hash,
                  object_text(run.config), object_text(run.environment), util::host_name(),
                  static_cast<std::int64_t>(::getpid()),
                  static_cast<std::int64_t>(util::process_start_time(::getpid()).value_or(0)),
                  environment_text(run.environment, "host"),
                  environment_text(run.environment, "cpu_model"))[0]
              .as<std::int64_t>();
      insert_plugins(work, id, run.plugins);
      work.commit();
      return id;
    });
  }

  std::int64_t begin_result(std::int64_t run_id, const NewResult& result) override {
    return guarded([&] {
      pqxx::work work(*connection_);
      const std::int64_t id =
          work.exec_params1(
                  "INSERT INTO results (run_id, name, plugin, kind, status, "
                  "settings) VALUES ($1, $2, $3, $4, 'running', $5) "
                  "RETURNING id",
                  run_id, result.name, text_or_null(result.plugin), to_string(result.kind),
                  nlohmann::json(result.settings).dump())[0]
              .as<std::int64_t>();
      beat(work, run_id);
      work.commit();
      return id;
    });
  }

  void add_process(std::int64_t result_id, const ProcessRecord& process) override {
    guarded([&] {
      pqxx::work work(*connection_);
      insert_process(work, result_id, process);
      // The heartbeat is minutes coarse (BENCHCTL_HEARTBEAT_TIMEOUT): once every ten seconds is
      // plenty, and a process of a thousand samples need not wait for it.
      if (std::chrono::steady_clock::now() - last_beat_ > std::chrono::seconds(10)) {
        work.exec_params(
            "UPDATE runs SET heartbeat = now() WHERE id = (SELECT run_id FROM results WHERE id = "
            "$1)",
            result_id);
        last_beat_ = std::chrono::steady_clock::now();
      }
      work.commit();
    });
  }

  void finish_result(std::int64_t result_id, ResultStatus status, const std::string& reason,
                     const std::string& output_tail) override {
    guarded([&] {
      pqxx::work work(*connection_);
      work.exec_params(
          "UPDATE results SET status = $1, reason = $2, output_tail = $3 WHERE id = $4",
          to_string(status), text_or_null(reason), text_or_null(output_tail), result_id);
      IntegerArrayText finished;
      finished.add(result_id);
      work.exec_params(kCopyMediansIntoResults, finished.take());
      work.commit();
    });
  }

  void finish_run(std::int64_t run_id, RunStatus status) override {
    guarded([&] {
      pqxx::work work(*connection_);
      work.exec_params("UPDATE runs SET status = $1, finished_at = $2 WHERE id = $3",
                       to_string(status), util::utc_timestamp(), run_id);
      work.exec_params(
          "UPDATE results SET status = 'failed', reason = 'the run ended before it finished' "
          "WHERE run_id = $1 AND status = 'running'",
          run_id);
      work.commit();
    });
  }

  std::optional<std::int64_t> copy_run(const RunRecord& run) override {
    return guarded([&]() -> std::optional<std::int64_t> {
      if (run.uuid.empty())
        return std::nullopt;
      pqxx::work work(*connection_);
      // A run pushed by two runners at once is stored once: the second waits on the UUID's row.
      const pqxx::result inserted = work.exec_params(
          "INSERT INTO runs (uuid, suite_name, suite_file, label, status, started_at, finished_at, "
          "config_hash, config, environment, owner_host, owner_pid, owner_start_time, host, "
          "cpu_model) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 0, $12, $13) ON "
          "CONFLICT (uuid) DO NOTHING RETURNING id",
          run.uuid, run.suite_name, run.suite_file, text_or_null(run.label), to_string(run.status),
          run.started_at, text_or_null(run.finished_at), run.config_hash, object_text(run.config),
          object_text(run.environment), environment_text(run.environment, "host").value_or(""),
          environment_text(run.environment, "host"),
          environment_text(run.environment, "cpu_model"));
      if (inserted.empty())
        return std::nullopt;
      const auto run_id = number<std::int64_t>(inserted[0][0]);
      insert_plugins(work, run_id, run.plugins);
      IntegerArrayText copied;
      for (const ResultRecord& result : run.results) {
        const auto result_id =
            work.exec_params1(
                    "INSERT INTO results (run_id, name, plugin, kind, status, reason, output_tail, "
                    "settings) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    run_id, result.name, text_or_null(result.plugin), to_string(result.kind),
                    to_string(result.status), text_or_null(result.reason),
                    text_or_null(result.output_tail), nlohmann::json(result.settings).dump())[0]
                .as<std::int64_t>();
        for (const ProcessRecord& process : result.processes)
          insert_process(work, result_id, process);
        copied.add(result_id);
      }
      work.exec_params(kCopyMediansIntoResults, copied.take());
      work.commit();
      return run_id;
    });
  }

  std::int64_t link_ab(const AbLink& link) override {
    return guarded([&] {
      pqxx::work work(*connection_);
      const std::int64_t id =
          work.exec_params1(
                  "INSERT INTO ab_pairs (run_a, run_b, label_a, label_b, looks, created_at) VALUES "
                  "($1, $2, $3, $4, $5, $6) RETURNING id",
                  link.run_a, link.run_b, link.label_a, link.label_b, link.looks,
                  util::utc_timestamp())[0]
              .as<std::int64_t>();
      work.commit();
      return id;
    });
  }

  std::vector<Alert> list_alerts(const AlertQuery& query) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return list_postgres_alerts(read, query);
    });
  }

  std::int64_t save_alert(const Alert& alert) override {
    return guarded([&] {
      pqxx::work work(*connection_);
      const std::int64_t id = save_postgres_alert(work, alert);
      work.commit();
      return id;
    });
  }

  bool has_build_file(const std::string& sha256) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return has_postgres_build_file(read, sha256);
    });
  }

  void keep_build_file(const std::string& sha256, const std::string& content) override {
    guarded([&] {
      pqxx::work work(*connection_);
      keep_postgres_build_file(work, sha256, content);
      work.commit();
    });
  }

  std::optional<std::string> load_build_file(const std::string& sha256) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return load_postgres_build_file(read, sha256);
    });
  }

  MaintenanceReport maintain(const MaintenanceRequest& request) override {
    return guarded([&] {
      MaintenanceReport report;
      report.bytes_before = database_size();
      const auto days_ago = [](int days) {
        return util::utc_timestamp(std::chrono::system_clock::now() -
                                   std::chrono::hours(24) * days);
      };
      if (request.retain_build_days) {
        pqxx::work work(*connection_);
        retain_postgres_build_files(work, days_ago(*request.retain_build_days), report);
        work.commit();
      }
      if (request.retain_sample_days) {
        pqxx::work work(*connection_);
        const std::string cutoff = days_ago(*request.retain_sample_days);
        const std::string old_results =
            "SELECT r.id FROM results r JOIN runs ru ON ru.id = r.run_id WHERE ru.started_at < $1 "
            "AND ru.status != 'running'";
        const pqxx::row counted = work.exec_params1(
            "SELECT count(DISTINCT r.run_id), COALESCE(sum(cardinality(p.repetitions)), 0) FROM "
            "processes p JOIN results r ON r.id = p.result_id WHERE cardinality(p.repetitions) > 0 "
            "AND p.result_id IN (" +
                old_results + ")",
            cutoff);
        report.runs_pruned = number<int>(counted[0]);
        report.samples_deleted = number<std::int64_t>(counted[1]);
        for (const char* table : {"sample_counters", "load_seconds"}) {
          work.exec_params(
              fmt::format("DELETE FROM {} WHERE result_id IN ({})", table, old_results), cutoff);
        }
        work.exec_params(
            "UPDATE processes SET repetitions = '{}', iterations = '{}', real_ns = '{}', cpu_ns = "
            "'{}', instructions = '{}' WHERE cardinality(repetitions) > 0 AND result_id IN (" +
                old_results + ")",
            cutoff);
        work.commit();
      }
      {
        pqxx::nontransaction outside(*connection_);  // VACUUM cannot run inside a transaction
        outside.exec(request.vacuum ? "VACUUM FULL ANALYZE" : "ANALYZE");
      }
      report.bytes_after = database_size();
      return report;
    });
  }

  int mark_abandoned_runs() override {
    return guarded([&] {
      const int timeout = heartbeat_timeout_seconds();
      pqxx::work work(*connection_);
      std::vector<std::int64_t> abandoned;
      // Runs of this machine whose process is gone, at once; any machine's after the timeout.
      for (const pqxx::row& row : work.exec_params(
               "SELECT id, owner_host, owner_pid, owner_start_time, heartbeat < now() - "
               "make_interval(secs => $1) FROM runs WHERE status = 'running' FOR UPDATE SKIP "
               "LOCKED",
               timeout)) {
        bool gone = row[4].as<bool>();
        if (!gone && field_text(row[1]) == util::host_name()) {
          const auto started =
              util::process_start_time(static_cast<pid_t>(number<std::int64_t>(row[2])));
          gone = !started || static_cast<std::int64_t>(*started) != number<std::int64_t>(row[3]);
        }
        if (gone)
          abandoned.push_back(number<std::int64_t>(row[0]));
      }
      for (const std::int64_t id : abandoned) {
        work.exec_params("UPDATE runs SET status = 'incomplete' WHERE id = $1", id);
        work.exec_params(
            "UPDATE results SET status = 'failed', reason = 'benchctl stopped before this "
            "benchmark finished' WHERE run_id = $1 AND status = 'running'",
            id);
      }
      work.commit();
      return static_cast<int>(abandoned.size());
    });
  }

  std::vector<RunRecord> list_runs(int limit) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return list_postgres_runs(read, limit);
    });
  }

  RunRecord load_run(std::int64_t run_id, const RunReading& reading) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return load_postgres_run(read, run_id, reading, shown_);
    });
  }

  std::optional<std::int64_t> latest_run_id() override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return optional_field<std::int64_t>(
          read.exec(std::string("SELECT max(id) FROM runs WHERE ") + kNotAbSide)[0][0]);
    });
  }

  std::vector<HistoryPoint> load_history(const HistoryQuery& query) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return load_postgres_history(read, query);
    });
  }

  std::vector<Machine> machines(const std::optional<std::string>& suite) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return postgres_machines(read, suite);
    });
  }

  void save_baseline(const std::string& name, const std::vector<std::int64_t>& run_ids,
                     const std::string& note, bool replace) override {
    if (run_ids.empty())
      throw InputError(fmt::format("baseline '{}' needs at least one run", name));
    guarded([&] {
      pqxx::work work(*connection_);
      for (const std::int64_t run_id : run_ids) {
        if (work.exec_params1("SELECT count(*) FROM runs WHERE id = $1", run_id)[0].as<int>() == 0)
          throw InputError(fmt::format("no run {} in {}", run_id, shown_));
      }
      const pqxx::result existing =
          work.exec_params("SELECT run_id FROM baselines WHERE name = $1", name);
      if (!existing.empty() && !replace) {
        throw InputError(
            fmt::format("baseline '{}' already exists (run {}); pass --force to move it", name,
                        number<std::int64_t>(existing[0][0])));
      }
      work.exec_params(
          "INSERT INTO baselines (name, run_id, note, created_at) VALUES ($1, $2, $3, $4) ON "
          "CONFLICT (name) DO UPDATE SET run_id = excluded.run_id, note = excluded.note, "
          "created_at = excluded.created_at",
          name, *std::max_element(run_ids.begin(), run_ids.end()), text_or_null(note),
          util::utc_timestamp());
      work.exec_params("DELETE FROM baseline_runs WHERE name = $1", name);
      for (const std::int64_t run_id : run_ids) {
        work.exec_params(
            "INSERT INTO baseline_runs (name, run_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", name,
            run_id);
      }
      work.commit();
    });
  }

  std::vector<Baseline> list_baselines() override { return query_baselines(std::nullopt); }

  std::optional<Baseline> find_baseline(const std::string& name) override {
    auto found = query_baselines(name);
    if (found.empty())
      return std::nullopt;
    return std::move(found.front());
  }

  bool delete_baseline(const std::string& name) override {
    return guarded([&] {
      pqxx::work work(*connection_);
      const bool deleted =
          work.exec_params("DELETE FROM baselines WHERE name = $1", name).affected_rows() > 0;
      work.commit();
      return deleted;
    });
  }

 private:
  // Every libpq or libpqxx failure becomes one line naming the database.
  template <class Body>
  auto guarded(Body&& body) -> decltype(body()) {
    try {
      return body();
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      throw StorageError(fmt::format("{}: {}", shown_, first_line(e.what())));
    }
  }

  std::unique_ptr<pqxx::connection> connect(const std::string& url) {
    // libpq waits for an unreachable server without end unless told otherwise: 10 s, unless the
    // URL's connect_timeout or PGCONNECT_TIMEOUT says something else.
    ::setenv("PGCONNECT_TIMEOUT", "10", 0);
    try {
      auto connection = std::make_unique<pqxx::connection>(url);
      // The server's JIT compiles any query it estimates costly, such as the history of a long
      // series: 280 ms of compiling for 1.7 s of reading, which it does not make faster.
      pqxx::nontransaction(*connection).exec("SET jit = off");
      return connection;
    } catch (const std::exception& e) {
      throw StorageError(fmt::format("{}: cannot connect: {}", shown_, first_line(e.what())));
    }
  }

  void migrate() {
    pqxx::work work(*connection_);
    work.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
    work.exec(
        "CREATE TABLE IF NOT EXISTS benchctl_migrations (version INTEGER PRIMARY KEY, file TEXT "
        "NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    const int current =
        work.exec("SELECT COALESCE(max(version), 0) FROM benchctl_migrations")[0][0].as<int>();
    const int newest = postgresql_migrations().back().version;
    if (current > newest) {
      throw StorageError(
          fmt::format("{}: the database has schema version {}, newer than this benchctl's {}; "
                      "use a newer benchctl",
                      shown_, current, newest));
    }
    for (const Migration& migration : postgresql_migrations()) {
      if (migration.version <= current)
        continue;
      work.exec(migration.sql);
      work.exec_params("INSERT INTO benchctl_migrations (version, file) VALUES ($1, $2)",
                       migration.version, std::string(migration.file));
    }
    work.commit();
  }

  static void insert_plugins(pqxx::work& work, std::int64_t run_id,
                             const std::vector<PluginVersion>& plugins) {
    for (const PluginVersion& p : plugins) {
      work.exec_params(
          "INSERT INTO run_plugins (run_id, name, version, abi, benchmark_version, file, sha256) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7)",
          run_id, p.name, p.version, p.abi, p.benchmark_version, p.file, text_or_null(p.sha256));
    }
  }

  void beat(pqxx::work& work, std::int64_t run_id) {
    work.exec_params("UPDATE runs SET heartbeat = now() WHERE id = $1", run_id);
  }

  void insert_process(pqxx::work& work, std::int64_t result_id, const ProcessRecord& process) {
    const ProcessConditions& c = process.conditions;
    IntegerArrayText repetitions, iterations, real_ns, cpu_ns, instructions;
    for (const Sample& sample : process.samples) {
      repetitions.add(sample.repetition);
      iterations.add(sample.iterations);
      real_ns.add(to_nanoseconds(sample.real_seconds));
      cpu_ns.add(to_nanoseconds(sample.cpu_seconds));
      instructions.add(sample.instructions);
    }
    work.exec_params(
        "INSERT INTO processes (result_id, process, peak_rss_bytes, median_real_seconds, "
        "median_cpu_seconds, steal, cpu_pressure, cpu, involuntary_switches, position, "
        "repetitions, iterations, real_ns, cpu_ns, instructions, allowed_cpus) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        result_id, process.index, process.peak_rss_bytes, median_per_iteration(process, false),
        median_per_iteration(process, true), c.steal, c.cpu_pressure, c.cpu, c.involuntary_switches,
        c.position, repetitions.take(), iterations.take(), real_ns.take(), cpu_ns.take(),
        instructions.take(), cpu_list_or_null(c.allowed_cpus));
    const std::string keys = fmt::format("{}\t{}\t", result_id, process.index);
    const bool counted = std::any_of(process.samples.begin(), process.samples.end(),
                                     [](const Sample& sample) { return !sample.counters.empty(); });
    if (counted) {  // an empty COPY still costs its round trips
      copy_rows(
          work, "sample_counters", {"result_id", "process", "repetition", "name", "value"},
          [&](const auto& write) {
            for (const Sample& sample : process.samples) {
              for (const auto& [name, value] : sample.counters)
                write(keys + fmt::format("{}\t{}\t{}", sample.repetition, copy_text(name), value));
            }
          });
    }
    if (!process.load)
      return;
    const LoadRecord& load = *process.load;
    const auto count = [](std::uint64_t n) { return static_cast<std::int64_t>(n); };
    work.exec_params(
        "INSERT INTO load_processes (result_id, process, intended, sent, completed, errors, late, "
        "dropped, elapsed, first_error, latency, schedule_error) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, $9, $10, $11, $12)",
        result_id, process.index, count(load.intended), count(load.sent), count(load.completed),
        count(load.errors), count(load.late), count(load.dropped), load.elapsed,
        text_or_null(load.first_error), nlohmann::json(load.latency).dump(),
        nlohmann::json(load.schedule_error).dump());
    for (std::size_t second = 0; second < load.seconds.size(); ++second) {
      work.exec_params(
          "INSERT INTO load_seconds (result_id, process, second, latency) VALUES ($1, $2, $3, $4)",
          result_id, process.index, static_cast<int>(second),
          nlohmann::json(load.seconds[second]).dump());
    }
  }

  std::int64_t database_size() {
    pqxx::read_transaction read(*connection_);
    return read.exec("SELECT pg_database_size(current_database())")[0][0].as<std::int64_t>();
  }

  std::vector<Baseline> query_baselines(const std::optional<std::string>& name) {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      std::vector<Baseline> baselines;
      for (const pqxx::row& row : read.exec_params(
               "SELECT b.name, b.run_id, b.note, b.created_at, r.suite_name, r.started_at, "
               "r.status, r.environment, (SELECT json_agg(run_id ORDER BY run_id)::text FROM "
               "baseline_runs WHERE name = b.name) FROM baselines b JOIN runs r ON r.id = "
               "b.run_id WHERE $1::text IS NULL OR b.name = $1 ORDER BY b.created_at, b.name",
               name)) {
        Baseline baseline;
        baseline.name = field_text(row[0]);
        baseline.run_ids = stored_run_ids(field_text(row[8]));
        baseline.note = field_text(row[2]);
        baseline.created_at = field_text(row[3]);
        baseline.run.id = number<std::int64_t>(row[1]);
        baseline.run.suite_name = field_text(row[4]);
        baseline.run.started_at = field_text(row[5]);
        baseline.run.status = run_status_from_string(field_text(row[6]));
        baseline.run.environment = parse_json(field_text(row[7]));
        baselines.push_back(std::move(baseline));
      }
      return baselines;
    });
  }

  std::string shown_;
  std::unique_ptr<pqxx::connection> connection_;
  std::chrono::steady_clock::time_point last_beat_ = std::chrono::steady_clock::now();
};

}  // namespace

}  // namespace benchctl::store

extern "C" __attribute__((visibility("default"))) benchctl::store::Store*
benchctl_open_postgres_store(const char* url) {
  return new benchctl::store::PostgresStore(url);
}
