#include "store/sqlite_run_reading.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "stats/summary.h"
#include "store/run_assembly.h"
#include "store/sqlite.h"
#include "store/stored_values.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

// The rows of a run's results in the tables keyed by result: `?1` is the run.
constexpr const char* kOfTheRun = "result_id IN (SELECT id FROM results WHERE run_id = ?1)";

}  // namespace

std::vector<RunRecord> SqliteRunReading::list(int limit) {
  Statement query = database_.prepare(
      std::string("SELECT ") + kRunColumns +
      ", (SELECT count(*) FROM results WHERE run_id = runs.id), "
      "(SELECT count(*) FROM results WHERE run_id = runs.id AND status = 'failed') "
      "FROM runs ORDER BY id DESC LIMIT ?");
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<RunRecord> runs;
  for_each_row(query, [&](const Row& row) {
    RunRecord run = RunAssembler::run_of(row);
    run.result_count = static_cast<int>(row.int64(kRunColumnCount));
    run.failed_count = static_cast<int>(row.int64(kRunColumnCount + 1));
    runs.push_back(std::move(run));
  });
  return runs;
}

RunRecord SqliteRunReading::load(std::int64_t run_id, const RunReading& reading) {
  Statement query =
      database_.prepare(std::string("SELECT ") + kRunColumns + ", config FROM runs WHERE id = ?");
  query.bind(1, run_id);
  if (!query.step())
    throw InputError(fmt::format("no run {} in {}", run_id, database_.path().string()));
  RunRecord record = RunAssembler::run_of(SqliteRow(query));
  record.config = parse_json(query.text(kRunColumnCount));
  RunAssembler run(std::move(record));
  const auto read = [&](const std::string& sql, void (RunAssembler::*add)(const Row&)) {
    Statement statement = database_.prepare(sql);
    statement.bind(1, run_id);
    for_each_row(statement, [&](const Row& row) { (run.*add)(row); });
  };
  read(
      "SELECT id, run_a, run_b, label_a, label_b, looks FROM ab_pairs WHERE run_a = ?1 OR "
      "run_b = ?1",
      &RunAssembler::add_ab_link);
  read(
      "SELECT name, version, abi, benchmark_version, file, sha256 FROM run_plugins WHERE "
      "run_id = ?1 ORDER BY name",
      &RunAssembler::add_plugin);
  read(
      "SELECT id, name, plugin, kind, status, reason, output_tail, settings FROM results WHERE "
      "run_id = ?1 ORDER BY id",
      &RunAssembler::add_result);
  Statement processes = database_.prepare(
      std::string("SELECT result_id, process, peak_rss_bytes, steal, cpu_pressure, cpu, "
                  "involuntary_switches, position, median_real_seconds, median_cpu_seconds, "
                  "allowed_cpus, allocations, frees, allocated_bytes FROM processes WHERE ") +
      kOfTheRun + " ORDER BY result_id, process");
  processes.bind(1, run_id);
  for_each_row(processes, [&](const Row& row) { run.add_process(row); });

  Statement samples = database_.prepare(
      std::string("SELECT result_id, process, repetition, iterations, real_ns, cpu_ns, "
                  "instructions FROM samples WHERE ") +
      kOfTheRun +
      " AND (?2 OR instructions IS NOT NULL OR real_ns IS NULL) ORDER BY result_id, process, "
      "repetition");
  samples.bind(1, run_id).bind(2, reading.timed_samples ? 1 : 0);
  for_each_row(samples, [&](const Row& row) { run.add_sample(row); });
  Statement counters = database_.prepare(
      std::string(
          "SELECT result_id, process, repetition, name, value FROM sample_counters WHERE ") +
      kOfTheRun + " AND (?2 IS NULL OR name IN (SELECT value FROM json_each(?2)))");
  counters.bind(1, run_id);
  if (reading.counters)
    counters.bind(2, nlohmann::json(*reading.counters).dump());
  else
    counters.bind_null(2);
  for_each_row(counters, [&](const Row& row) { run.add_counter(row); });
  read(std::string("SELECT result_id, process, intended, sent, completed, errors, late, dropped, "
                   "elapsed, first_error, latency, schedule_error FROM load_processes WHERE ") +
           kOfTheRun,
       &RunAssembler::add_load_totals);
  read(std::string("SELECT result_id, process, second, latency FROM load_seconds WHERE ") +
           kOfTheRun + " ORDER BY result_id, process, second",
       &RunAssembler::add_load_second);
  return run.take();
}

std::vector<Machine> SqliteRunReading::machines(const std::optional<std::string>& suite) {
  Statement select = database_.prepare(
      std::string("SELECT host, cpu_model, count(*), max(id) FROM runs WHERE status = 'complete' "
                  "AND ") +
      kSqliteNotAbSide +
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

std::vector<HistoryPoint> SqliteRunReading::history(const HistoryQuery& query) {
  HistoryBuilder history;
  // The machine's runs, then their results (each benchmark's newest when asked), then the
  // results' medians: three narrow reads instead of one join sorted with a settings text per
  // process (3.6 s for 200 runs of 1,000 benchmarks, most of it SQLite's sort on disk).
  Statement runs = database_.prepare(
      "SELECT id, started_at, json_extract(environment, '$.git_commit') FROM runs "
      // An imported run may know no host or CPU model: machines() reads those as ''.
      "WHERE IFNULL(host, '') = ?1 AND IFNULL(cpu_model, '') = ?2 AND status = 'complete' AND " +
      std::string(kSqliteNotAbSide) +
      " "
      "AND (?3 IS NULL OR id < ?3) AND (?4 IS NULL OR suite_name = ?4)");
  runs.bind(1, query.host).bind(2, query.cpu_model).bind(3, query.before_run).bind(4, query.suite);
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

}  // namespace benchctl::store
