#include "store/postgres_run_writing.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/postgres_run_reading.h"
#include "store/postgres_text.h"
#include "store/stored_values.h"

namespace benchctl::store {
namespace {

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

}  // namespace

std::optional<std::string> text_or_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

void insert_postgres_plugins(pqxx::work& work, std::int64_t run_id,
                             const std::vector<PluginVersion>& plugins) {
  for (const PluginVersion& p : plugins) {
    work.exec_params(
        "INSERT INTO run_plugins (run_id, name, version, abi, benchmark_version, file, sha256) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        run_id, p.name, p.version, p.abi, p.benchmark_version, p.file, text_or_null(p.sha256));
  }
}

void insert_postgres_process(pqxx::work& work, std::int64_t result_id,
                             const ProcessRecord& process) {
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
      "repetitions, iterations, real_ns, cpu_ns, instructions, allowed_cpus, allocations, frees, "
      "allocated_bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
      "$16, $17, $18, $19)",
      result_id, process.index, process.peak_rss_bytes, median_per_iteration(process, false),
      median_per_iteration(process, true), c.steal, c.cpu_pressure, c.cpu, c.involuntary_switches,
      c.position, repetitions.take(), iterations.take(), real_ns.take(), cpu_ns.take(),
      instructions.take(), cpu_list_or_null(c.allowed_cpus),
      process.allocations ? std::optional(process.allocations->allocations) : std::nullopt,
      process.allocations ? std::optional(process.allocations->frees) : std::nullopt,
      process.allocations ? std::optional(process.allocations->bytes) : std::nullopt);
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

std::optional<std::int64_t> copy_postgres_run(pqxx::work& work, const RunRecord& run) {
  const pqxx::result inserted = work.exec_params(
      "INSERT INTO runs (uuid, suite_name, suite_file, label, status, started_at, finished_at, "
      "config_hash, config, environment, owner_host, owner_pid, owner_start_time, host, "
      "cpu_model) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 0, $12, $13) ON "
      "CONFLICT (uuid) DO NOTHING RETURNING id",
      run.uuid, run.suite_name, run.suite_file, text_or_null(run.label), to_string(run.status),
      run.started_at, text_or_null(run.finished_at), run.config_hash, object_text(run.config),
      object_text(run.environment), run.environment.host.value_or(""),
      series_column(run.environment.series().host),
      series_column(run.environment.series().cpu_model));
  if (inserted.empty())
    return std::nullopt;
  const auto run_id = number<std::int64_t>(inserted[0][0]);
  insert_postgres_plugins(work, run_id, run.plugins);
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
      insert_postgres_process(work, result_id, process);
    copied.add(result_id);
  }
  work.exec_params(kCopyMediansIntoResults, copied.take());
  return run_id;
}

}  // namespace benchctl::store
