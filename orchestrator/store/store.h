// The storage interface: narrow, so that a PostgreSQL backend can later serve a fleet of runner
// machines. A run is written as it goes, each step in its own transaction, so that a benchctl
// killed at any moment leaves every earlier run intact and its own run marked incomplete.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/alerts.h"
#include "store/records.h"

namespace benchctl::store {

struct NewRun {
  std::string uuid;  // empty: begin_run assigns a random one, kept wherever the run is copied
  std::string suite_name;
  std::string suite_file;
  std::string label;
  std::string config_hash;
  nlohmann::json config;
  Environment environment;
  std::vector<PluginVersion> plugins;
  std::optional<GroupShard> shard;  // the group must be stored (claim_run_group)
};

// What load_run reads of a run. Reports judge budgets on every sample and counter; a comparison
// reads less: the counters it compares, and no timed sample (each process's stored median
// stands for its samples, store::times_per_iteration), only those that counted instructions or
// hold a size.
struct RunReading {
  std::optional<std::vector<std::string>> counters;  // nothing: all
  bool timed_samples = true;
};

struct NewResult {
  std::string name;
  std::string plugin;
  ResultKind kind = ResultKind::benchmark;
  ResultSettings settings;
};

class Store {
 public:
  virtual ~Store() = default;

  // Writing a run.
  virtual std::int64_t begin_run(const NewRun& run) = 0;
  virtual std::int64_t begin_result(std::int64_t run_id, const NewResult& result) = 0;
  virtual void add_process(std::int64_t result_id, const ProcessRecord& process) = 0;
  virtual void finish_result(std::int64_t result_id, ResultStatus status, const std::string& reason,
                             const std::string& output_tail) = 0;
  virtual void finish_run(std::int64_t run_id, RunStatus status) = 0;

  // Stores a finished run read from another database (its plugins, results, processes, samples
  // and load records; not its A/B link or baselines) under an id of this database, in one
  // transaction. Returns the new id, or nothing when a run of the same UUID is already here.
  virtual std::optional<std::int64_t> copy_run(const RunRecord& run) = 0;

  // Links the two runs of an A/B measurement; returns the link's id.
  virtual std::int64_t link_ab(const AbLink& link) = 0;

  // Keeps the database healthy: deletes what `request` retains no longer (old raw samples, build
  // files nothing needs), updates the query planner's statistics, checkpoints SQLite's WAL, and
  // on request rewrites the database to its smallest size.
  virtual MaintenanceReport maintain(const MaintenanceRequest& request) = 0;

  // Builds: the plugin files runs measured, each stored once by the SHA-256 of its content
  // (lowercase hex), so that a run's build can be measured again after its directory is gone.
  virtual bool has_build_file(const std::string& sha256) = 0;
  // Stores `content` under `sha256` unless the database has it (two writers store it once).
  virtual void keep_build_file(const std::string& sha256, const std::string& content) = 0;
  // The file's content; nothing when it was never stored or `maintain` deleted it.
  virtual std::optional<std::string> load_build_file(const std::string& sha256) = 0;

  // Profiles (benchctl profile): stores one, returning its id.
  virtual std::int64_t save_profile(const ProfileRecord& profile) = 0;
  // The profiles stored with `run_id`, oldest first.
  virtual std::vector<ProfileRecord> load_profiles(std::int64_t run_id) = 0;

  // Marks runs whose writing process has died as incomplete; returns how many.
  virtual int mark_abandoned_runs() = 0;

  // Reading. Runs come newest first, without their results.
  virtual std::vector<RunRecord> list_runs(int limit) = 0;
  // A run with every result and sample, and the counters `reading` asks for. Throws InputError for
  // an unknown id.
  virtual RunRecord load_run(std::int64_t run_id, const RunReading& reading) = 0;
  RunRecord load_run(std::int64_t run_id) { return load_run(run_id, RunReading{}); }
  virtual std::optional<std::int64_t> latest_run_id() = 0;

  // The results `query` selects, ordered by name, then run.
  virtual std::vector<HistoryPoint> load_history(const HistoryQuery& query) = 0;
  // The machines with complete runs (of `suite`, when given), the one with the newest run first.
  virtual std::vector<Machine> machines(const std::optional<std::string>& suite) = 0;

  // Baselines: names bound to one or several runs.
  // Binds `name` to `run_ids`; refuses (InputError) an existing name unless `replace`, and an
  // unknown run.
  virtual void save_baseline(const std::string& name, const std::vector<std::int64_t>& run_ids,
                             const std::string& note, bool replace) = 0;
  virtual std::vector<Baseline> list_baselines() = 0;
  virtual std::optional<Baseline> find_baseline(const std::string& name) = 0;
  // Returns false when there was no such baseline.
  virtual bool delete_baseline(const std::string& name) = 0;

  // Run groups. Stores `group` (its runs aside) unless one of its name is stored, and returns the
  // stored one: shards starting together all keep the first one's assignment.
  virtual RunGroup claim_run_group(const RunGroup& group) = 0;
  // The group of that name with its runs; nothing when there is none.
  virtual std::optional<RunGroup> find_run_group(const std::string& name) = 0;
  // The newest group of `suite` in `shards` shards other than `except`, without its runs: the
  // assignment a new group keeps for the benchmarks it knows.
  virtual std::optional<RunGroup> previous_run_group(const std::string& suite, int shards,
                                                     const std::string& except) = 0;

  // Alerts (store/alerts.h), by id.
  virtual std::vector<Alert> list_alerts(const AlertQuery& query) = 0;
  // Inserts an alert of id 0 and returns its id; rewrites a stored one (InputError when there is
  // no alert of its id).
  virtual std::int64_t save_alert(const Alert& alert) = 0;
};

// Opens or creates a SQLite database, creating its directory and applying migrations.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path);

}  // namespace benchctl::store
