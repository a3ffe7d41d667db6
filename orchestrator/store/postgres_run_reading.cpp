#include "store/postgres_run_reading.h"

#include <algorithm>
#include <map>

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

RunRecord read_run(const pqxx::row& row) {
  RunRecord run;
  run.id = number<std::int64_t>(row[0]);
  run.suite_name = field_text(row[1]);
  run.suite_file = field_text(row[2]);
  run.label = field_text(row[3]);
  run.status = run_status_from_string(field_text(row[4]));
  run.started_at = field_text(row[5]);
  run.finished_at = field_text(row[6]);
  run.config_hash = field_text(row[7]);
  run.environment = parse_json(field_text(row[8]));
  run.uuid = field_text(row[9]);
  return run;
}

std::vector<RunRecord> list_postgres_runs(pqxx::transaction_base& read, int limit) {
  std::vector<RunRecord> runs;
  for (const pqxx::row& row : read.exec_params(
           std::string("SELECT ") + kRunColumns +
               ", (SELECT count(*) FROM results WHERE run_id = runs.id), (SELECT count(*) FROM "
               "results WHERE run_id = runs.id AND status = 'failed') FROM runs ORDER BY id "
               "DESC LIMIT $1",
           limit)) {
    RunRecord run = read_run(row);
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
  RunRecord run = read_run(found[0]);
  run.config = parse_json(field_text(found[0][kRunColumnCount]));
  const pqxx::result ab = read.exec_params(
      "SELECT id, run_a, run_b, label_a, label_b, looks FROM ab_pairs WHERE run_a = $1 OR "
      "run_b = $1",
      run_id);
  if (!ab.empty()) {
    run.ab = AbLink{number<std::int64_t>(ab[0][0]), number<std::int64_t>(ab[0][1]),
                    number<std::int64_t>(ab[0][2]), field_text(ab[0][3]),
                    field_text(ab[0][4]),           number<int>(ab[0][5])};
  }
  for (const pqxx::row& p : read.exec_params(
           "SELECT name, version, abi, benchmark_version, file, sha256 FROM run_plugins WHERE "
           "run_id = $1 ORDER BY name",
           run_id)) {
    run.plugins.push_back({field_text(p[0]), field_text(p[1]), field_text(p[2]), field_text(p[3]),
                           field_text(p[4]), field_text(p[5])});
  }
  std::map<std::int64_t, std::size_t> result_index;
  SettingsParser settings;
  for (const pqxx::row& r : read.exec_params(
           "SELECT id, name, plugin, kind, status, reason, output_tail, settings FROM results "
           "WHERE run_id = $1 ORDER BY id",
           run_id)) {
    ResultRecord result;
    result.id = number<std::int64_t>(r[0]);
    result.name = field_text(r[1]);
    result.plugin = field_text(r[2]);
    result.kind = result_kind_from_string(field_text(r[3]));
    result.status = result_status_from_string(field_text(r[4]));
    result.reason = field_text(r[5]);
    result.output_tail = field_text(r[6]);
    result.settings = settings.parse(field_text(r[7]));
    result_index[result.id] = run.results.size();
    run.results.push_back(std::move(result));
    run.failed_count += run.results.back().status == ResultStatus::failed ? 1 : 0;
  }
  run.result_count = static_cast<int>(run.results.size());
  // The run's rows are read by their result ids (an array the primary keys' indexes serve):
  // joined to results instead, the planner scans the whole samples table of a large database.
  IntegerArrayText result_ids;
  for (const ResultRecord& result : run.results)
    result_ids.add(result.id);
  const std::string ids = result_ids.take();
  std::map<std::pair<std::int64_t, int>, ProcessRecord*> process_of;
  for (const pqxx::row& p : read.exec_params(
           // A process's samples all counted instructions or none; timed ones are left out
           // when the reading does not want them (each process's median stands for them).
           "WITH read AS (SELECT *, $2::boolean OR instructions[1] IS NOT NULL OR real_ns[1] "
           "IS NULL AS wanted FROM processes WHERE result_id = ANY($1::bigint[])) SELECT "
           "result_id, process, peak_rss_bytes, steal, cpu_pressure, cpu, "
           "involuntary_switches, position, CASE WHEN wanted THEN repetitions END, CASE WHEN "
           "wanted THEN iterations END, CASE WHEN wanted THEN real_ns END, CASE WHEN wanted "
           "THEN cpu_ns END, CASE WHEN wanted THEN instructions END, median_real_seconds, "
           "median_cpu_seconds, allowed_cpus, allocations, frees, allocated_bytes FROM read ORDER "
           "BY result_id, process",
           ids, reading.timed_samples)) {
    ResultRecord& result = run.results[result_index.at(number<std::int64_t>(p[0]))];
    ProcessRecord& process = result.processes.emplace_back();
    process.index = number<int>(p[1]);
    process.peak_rss_bytes = optional_field<std::int64_t>(p[2]);
    process.conditions.steal = optional_field<double>(p[3]);
    process.conditions.cpu_pressure = optional_field<double>(p[4]);
    process.conditions.cpu = optional_field<int>(p[5]);
    process.conditions.involuntary_switches = optional_field<std::int64_t>(p[6]);
    process.conditions.position = optional_field<int>(p[7]);
    process.samples = stored_samples(p[8], p[9], p[10], p[11], p[12]);
    process.median_real_seconds = optional_field<double>(p[13]);
    process.median_cpu_seconds = optional_field<double>(p[14]);
    process.conditions.allowed_cpus = stored_cpu_list(optional_text(p[15]));
    if (const auto allocations = optional_field<double>(p[16])) {
      process.allocations =
          AllocationCounts{*allocations, optional_field<double>(p[17]).value_or(0),
                           optional_field<double>(p[18]).value_or(0)};
    }
  }
  for (ResultRecord& result : run.results) {
    for (ProcessRecord& process : result.processes)
      process_of[{result.id, process.index}] = &process;
  }
  for (const pqxx::row& c : read.exec_params(
           "SELECT c.result_id, c.process, c.repetition, c.name, c.value FROM "
           "sample_counters c WHERE c.result_id = ANY($1::bigint[]) AND ($2::jsonb IS NULL OR "
           "c.name IN (SELECT jsonb_array_elements_text($2::jsonb)))",
           ids,
           reading.counters ? std::optional<std::string>(nlohmann::json(*reading.counters).dump())
                            : std::nullopt)) {
    ProcessRecord* process = process_of.at({number<std::int64_t>(c[0]), number<int>(c[1])});
    const int repetition = number<int>(c[2]);
    for (Sample& sample : process->samples) {
      if (sample.repetition == repetition)
        sample.counters[field_text(c[3])] = number<double>(c[4]);
    }
  }
  for (const pqxx::row& l : read.exec_params(
           "SELECT l.result_id, l.process, l.intended, l.sent, l.completed, l.errors, l.late, "
           "l.dropped, l.elapsed, l.first_error, l.latency, l.schedule_error FROM "
           "load_processes l WHERE l.result_id = ANY($1::bigint[])",
           ids)) {
    LoadRecord& load =
        process_of.at({number<std::int64_t>(l[0]), number<int>(l[1])})->load.emplace();
    load.intended = number<std::uint64_t>(l[2]);
    load.sent = number<std::uint64_t>(l[3]);
    load.completed = number<std::uint64_t>(l[4]);
    load.errors = number<std::uint64_t>(l[5]);
    load.late = number<std::uint64_t>(l[6]);
    load.dropped = number<std::uint64_t>(l[7]);
    load.elapsed = number<double>(l[8]);
    load.first_error = field_text(l[9]);
    load.latency = stored_histogram(field_text(l[10]));
    load.schedule_error = stored_histogram(field_text(l[11]));
  }
  for (const pqxx::row& l : read.exec_params(
           "SELECT s.result_id, s.process, s.second, s.latency FROM load_seconds s WHERE "
           "s.result_id = ANY($1::bigint[]) ORDER BY s.result_id, s.process, s.second",
           ids)) {
    ProcessRecord* process = process_of.at({number<std::int64_t>(l[0]), number<int>(l[1])});
    if (!process->load)
      throw StorageError("a load test's second without its process's totals in the database");
    const auto second = number<std::size_t>(l[2]);
    process->load->seconds.resize(std::max(process->load->seconds.size(), second + 1));
    process->load->seconds[second] = stored_histogram(field_text(l[3]));
  }
  return run;
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
