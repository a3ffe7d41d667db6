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
#include "store/postgres_baselines.h"
#include "store/postgres_builds.h"
#include "store/postgres_maintenance.h"
#include "store/postgres_module.h"
#include "store/postgres_profiles.h"
#include "store/postgres_run_groups.h"
#include "store/postgres_run_reading.h"
#include "store/postgres_run_writing.h"
#include "store/postgres_text.h"
#include "store/stored_values.h"
#include "util/error.h"
#include "util/process_info.h"
#include "util/uuid.h"

namespace benchctl::store {

const std::vector<Migration>& postgresql_migrations();  // generated from schema/postgresql/

namespace {

std::string first_line(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "unknown error" : line;
}

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
                  "host, cpu_model, run_group, shard) VALUES ($1, $2, $3, $4, 'running', $5, $6, "
                  "$7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                  run.uuid.empty() ? util::random_uuid() : run.uuid, run.suite_name, run.suite_file,
                  text_or_null(run.label), util::utc_timestamp(), run.config_hash,
                  object_text(run.config), object_text(run.environment), util::host_name(),
                  static_cast<std::int64_t>(::getpid()),
                  static_cast<std::int64_t>(util::process_start_time(::getpid()).value_or(0)),
                  series_column(run.environment.series().host),
                  series_column(run.environment.series().cpu_model),
                  run.shard ? std::optional(run.shard->group) : std::nullopt,
                  run.shard ? std::optional(run.shard->index) : std::nullopt)[0]
              .as<std::int64_t>();
      insert_postgres_plugins(work, id, run.plugins);
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
      insert_postgres_process(work, result_id, process);
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
      const std::optional<std::int64_t> id = copy_postgres_run(work, run);
      if (id)
        work.commit();
      return id;
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

  std::int64_t save_profile(const ProfileRecord& profile) override {
    return guarded([&] {
      pqxx::work work(*connection_);
      const std::int64_t id = save_postgres_profile(work, profile);
      work.commit();
      return id;
    });
  }

  std::vector<ProfileRecord> load_profiles(std::int64_t run_id) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return load_postgres_profiles(read, run_id);
    });
  }

  RunGroup claim_run_group(const RunGroup& group) override {
    return guarded([&] {
      pqxx::work work(*connection_);
      RunGroup stored = claim_postgres_run_group(work, group);
      work.commit();
      return stored;
    });
  }

  std::optional<RunGroup> find_run_group(const std::string& name) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return find_postgres_run_group(read, name);
    });
  }

  std::optional<RunGroup> previous_run_group(const std::string& suite, int shards,
                                             const std::string& except) override {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return previous_postgres_run_group(read, suite, shards, except);
    });
  }

  MaintenanceReport maintain(const MaintenanceRequest& request) override {
    return guarded([&] { return maintain_postgres(*connection_, request); });
  }

  int mark_abandoned_runs() override {
    return guarded([&] {
      const int timeout = heartbeat_timeout_seconds();
      pqxx::work work(*connection_);
      const int abandoned = mark_abandoned_postgres_runs(work, timeout);
      work.commit();
      return abandoned;
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
      save_postgres_baseline(work, name, run_ids, note, replace, shown_);
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
      const bool deleted = delete_postgres_baseline(work, name);
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
    migrate_postgres(work, postgresql_migrations(), shown_);
    work.commit();
  }

  void beat(pqxx::work& work, std::int64_t run_id) {
    work.exec_params("UPDATE runs SET heartbeat = now() WHERE id = $1", run_id);
  }

  std::vector<Baseline> query_baselines(const std::optional<std::string>& name) {
    return guarded([&] {
      pqxx::read_transaction read(*connection_);
      return query_postgres_baselines(read, name);
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
