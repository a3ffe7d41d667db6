#include "store/sqlite_run_reading.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "stats/summary.h"
#include "store/sqlite.h"
#include "store/stored_values.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

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

}  // namespace

std::vector<RunRecord> SqliteRunReading::list(int limit) {
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

template <class ProcessIndex>
void SqliteRunReading::read_load(std::int64_t run_id, const ProcessIndex& process_of) {
  Statement totals = database_.prepare(
      "SELECT l.result_id, l.process, l.intended, l.sent, l.completed, l.errors, l.late, "
      "l.dropped, l.elapsed, l.first_error, l.latency, l.schedule_error FROM load_processes l "
      "WHERE l.result_id IN (SELECT id FROM results WHERE run_id = ?)");
  totals.bind(1, run_id);
  while (totals.step()) {
    LoadRecord& load =
        process_of.at({totals.int64(0), static_cast<int>(totals.int64(1))})->load.emplace();
    const auto count = [&](int column) { return static_cast<std::uint64_t>(totals.int64(column)); };
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
    ProcessRecord* process = process_of.at({seconds.int64(0), static_cast<int>(seconds.int64(1))});
    if (!process->load)
      throw StorageError("a load test's second without its process's totals in the database");
    const auto second = static_cast<std::size_t>(seconds.int64(2));
    process->load->seconds.resize(std::max(process->load->seconds.size(), second + 1));
    process->load->seconds[second] = stored_histogram(seconds.text(3));
  }
}

RunRecord SqliteRunReading::load(std::int64_t run_id, const RunReading& reading) {
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
      "p.involuntary_switches, p.position, p.median_real_seconds, p.median_cpu_seconds, "
      "p.allowed_cpus, p.allocations, p.frees, p.allocated_bytes FROM "
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
    process.conditions.allowed_cpus = stored_cpu_list(processes.optional_text(10));
    if (const auto allocations = processes.optional_real(11)) {
      process.allocations = AllocationCounts{*allocations, processes.optional_real(12).value_or(0),
                                             processes.optional_real(13).value_or(0)};
    }
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
