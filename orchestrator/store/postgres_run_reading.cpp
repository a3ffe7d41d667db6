#include "store/postgres_run_reading.h"

#include <algorithm>
#include <map>

#include "store/run_assembly.h"
#include "store/stored_values.h"

namespace benchctl::store {
namespace {

// A process's samples from its arrays (schema/postgresql/0002), one element each, in order.
std::vector<Sample> stored_samples(const pqxx::field& repetitions, const pqxx::field& iterations,
                                   const pqxx::field& real_ns, const pqxx::field& cpu_ns,
                                   const pqxx::field& instructions) {
  if (repetitions.is_null())
    return {};  // not read (RunReading::timed_samples)
  const auto repetition = array_field<std::int64_t>(repetitions);
  const auto iteration = array_field<std::int64_t>(iterations);
  const auto real = array_field<std::int64_t>(real_ns);
  const auto cpu = array_field<std::int64_t>(cpu_ns);
  const auto instruction = array_field<std::int64_t>(instructions);
  const std::size_t count = repetition.size();
  if (iteration.size() != count || real.size() != count || cpu.size() != count ||
      instruction.size() != count)
    throw StorageError("a process's sample arrays differ in length in the database");
  std::vector<Sample> samples(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (!repetition[i] || !iteration[i])
      throw StorageError("a sample without its repetition or iterations in the database");
    samples[i].repetition = static_cast<int>(*repetition[i]);
    samples[i].iterations = *iteration[i];
    samples[i].real_seconds = to_seconds(real[i]);
    samples[i].cpu_seconds = to_seconds(cpu[i]);
    samples[i].instructions = instruction[i];
  }
  return samples;
}

}  // namespace

std::vector<RunRecord> list_postgres_runs(pqxx::transaction_base& read, int limit) {
  std::vector<RunRecord> runs;
  for (const pqxx::row& row : read.exec_params(
           std::string("SELECT ") + kRunColumns +
               ", (SELECT count(*) FROM results WHERE run_id = runs.id), (SELECT count(*) FROM "
               "results WHERE run_id = runs.id AND status = 'failed') FROM runs ORDER BY id "
               "DESC LIMIT $1",
           limit)) {
    RunRecord run = RunAssembler::run_of(PostgresRow(row));
    run.result_count = number<int>(row[kRunColumnCount]);
    run.failed_count = number<int>(row[kRunColumnCount + 1]);
    runs.push_back(std::move(run));
  }
  return runs;
}

RunRecord load_postgres_run(pqxx::transaction_base& read, std::int64_t run_id,
                            const RunReading& reading, const std::string& database) {
  const pqxx::result found = read.exec_params(
      std::string("SELECT ") + kRunColumns + ", config FROM runs WHERE id = $1", run_id);
  if (found.empty())
    throw InputError(fmt::format("no run {} in {}", run_id, database));
  RunRecord record = RunAssembler::run_of(PostgresRow(found[0]));
  record.config = parse_json(field_text(found[0][kRunColumnCount]));
  RunAssembler run(std::move(record));
  const auto add_rows = [&](const pqxx::result& rows, void (RunAssembler::*add)(const Row&)) {
    for (const pqxx::row& row : rows)
      (run.*add)(PostgresRow(row));
  };
  add_rows(read.exec_params("SELECT id, run_a, run_b, label_a, label_b, looks FROM ab_pairs "
                            "WHERE run_a = $1 OR run_b = $1",
                            run_id),
           &RunAssembler::add_ab_link);
  add_rows(read.exec_params("SELECT name, version, abi, benchmark_version, file, sha256 FROM "
                            "run_plugins WHERE run_id = $1 ORDER BY name",
                            run_id),
           &RunAssembler::add_plugin);
  add_rows(read.exec_params("SELECT id, name, plugin, kind, status, reason, output_tail, "
                            "settings FROM results WHERE run_id = $1 ORDER BY id",
                            run_id),
           &RunAssembler::add_result);
  // The run's rows are read by their result ids (an array the primary keys' indexes serve):
  // joined to results instead, the planner scans the whole samples table of a large database.
  IntegerArrayText result_ids;
  for (const ResultRecord& result : run.run().results)
    result_ids.add(result.id);
  const std::string ids = result_ids.take();
  for (const pqxx::row& p : read.exec_params(
           // A process's samples all counted instructions or none; timed ones are left out
           // when the reading does not want them (each process's median stands for them).
           "WITH read AS (SELECT *, $2::boolean OR instructions[1] IS NOT NULL OR real_ns[1] "
           "IS NULL AS wanted FROM processes WHERE result_id = ANY($1::bigint[])) SELECT "
           "result_id, process, peak_rss_bytes, steal, cpu_pressure, cpu, "
           "involuntary_switches, position, median_real_seconds, median_cpu_seconds, "
           "allowed_cpus, allocations, frees, allocated_bytes, CASE WHEN wanted THEN repetitions "
           "END, CASE WHEN wanted THEN iterations END, CASE WHEN wanted THEN real_ns END, CASE "
           "WHEN wanted THEN cpu_ns END, CASE WHEN wanted THEN instructions END FROM read ORDER "
           "BY result_id, process",
           ids, reading.timed_samples)) {
    constexpr int kSamples = RunAssembler::kProcessColumnCount;
    run.add_process(PostgresRow(p)).samples = stored_samples(
        p[kSamples], p[kSamples + 1], p[kSamples + 2], p[kSamples + 3], p[kSamples + 4]);
  }
  add_rows(
      read.exec_params(
          "SELECT result_id, process, repetition, name, value FROM sample_counters WHERE "
          "result_id = ANY($1::bigint[]) AND ($2::jsonb IS NULL OR name IN (SELECT "
          "jsonb_array_elements_text($2::jsonb)))",
          ids,
          reading.counters ? std::optional<std::string>(nlohmann::json(*reading.counters).dump())
                           : std::nullopt),
      &RunAssembler::add_counter);
  add_rows(read.exec_params("SELECT result_id, process, intended, sent, completed, errors, late, "
                            "dropped, elapsed, first_error, latency, schedule_error FROM "
                            "load_processes WHERE result_id = ANY($1::bigint[])",
                            ids),
           &RunAssembler::add_load_totals);
  add_rows(read.exec_params("SELECT result_id, process, second, latency FROM load_seconds WHERE "
                            "result_id = ANY($1::bigint[]) ORDER BY result_id, process, second",
                            ids),
           &RunAssembler::add_load_second);
  return run.take();
}

std::vector<HistoryPoint> load_postgres_history(pqxx::transaction_base& read,
                                                const HistoryQuery& query) {
  HistoryBuilder history;
  // The machine's runs (each run's commit read from its environment once), then their
  // results (each benchmark's newest when asked) with the copy of their processes' medians.
  IntegerArrayText run_ids;
  IntegerArrayText left_out;
  for (const std::int64_t run_id : query.left_out_runs)
    left_out.add(run_id);
  for (const pqxx::row& run : read.exec_params(
           std::string("SELECT id, started_at, environment::jsonb ->> 'git_commit' FROM runs "
                       "WHERE COALESCE(host, '') = $1 AND COALESCE(cpu_model, '') = $2 AND "
                       "status = 'complete' AND ") +
               kNotAbSide +
               " AND ($3::bigint IS NULL OR id < $3) AND ($4::text IS NULL OR suite_name = "
               "$4)",
           query.host, query.cpu_model, query.before_run, query.suite)) {
    const auto run_id = number<std::int64_t>(run[0]);
    run_ids.add(run_id);
    history.add_run(run_id, field_text(run[1]), field_text(run[2]));
  }
  for (const pqxx::row& row : read.exec_params(
           "WITH newest AS (SELECT id, row_number() OVER (PARTITION BY name ORDER BY run_id "
           "DESC) AS newness FROM results WHERE run_id IN (SELECT unnest($1::bigint[])) AND "
           "status = 'ok' "
           "AND (jsonb_array_length($2::jsonb) = 0 OR name IN (SELECT "
           "jsonb_array_elements_text($2::jsonb)))) "
           "SELECT r.id, r.run_id, r.name, r.settings, r.median_real_seconds, "
           "r.median_cpu_seconds FROM newest n JOIN results r ON r.id = n.id WHERE "
           "($3::integer IS NULL OR n.newness <= $3) AND r.run_id <> ALL($4::bigint[])",
           run_ids.take(), nlohmann::json(query.names).dump(), query.newest_runs,
           left_out.take())) {
    const auto result_id = number<std::int64_t>(row[0]);
    history.add_result(result_id, number<std::int64_t>(row[1]), field_text(row[2]),
                       field_text(row[3]));
    if (row[4].is_null())
      continue;  // a result without processes
    const auto real = array_field<double>(row[4]);
    const auto cpu = array_field<double>(row[5]);
    for (std::size_t process = 0; process < real.size() && process < cpu.size(); ++process)
      history.add_medians(result_id, real[process], cpu[process]);
  }
  return history.take();
}

std::vector<Machine> postgres_machines(pqxx::transaction_base& read,
                                       const std::optional<std::string>& suite) {
  std::vector<Machine> found;
  for (const pqxx::row& row : read.exec_params(
           std::string("SELECT COALESCE(host, ''), COALESCE(cpu_model, ''), count(*), max(id) "
                       "FROM runs WHERE status = 'complete' AND ") +
               kNotAbSide +
               " AND ($1::text IS NULL OR suite_name = $1) GROUP BY 1, 2 ORDER BY max(id) "
               "DESC",
           suite)) {
    found.push_back({field_text(row[0]), field_text(row[1]), number<int>(row[2]),
                     number<std::int64_t>(row[3])});
  }
  return found;
}

}  // namespace benchctl::store
