// One way from a database's rows to a RunRecord, shared by the SQLite and PostgreSQL stores: each
// backend keeps its own SQL and hands its rows over through `Row`, listing the columns in the
// order written at each method below.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "store/records.h"
#include "store/row.h"
#include "store/stored_values.h"

namespace benchctl::store {

// The columns of a run every query reads (RunAssembler::run_of reads them back).
inline constexpr const char* kRunColumns =
    "id, suite_name, suite_file, label, status, started_at, finished_at, config_hash, environment, "
    "uuid, run_group, shard";
inline constexpr int kRunColumnCount = 12;

// Builds a run from its rows, added in this order: its A/B link and plugins, its results (by id),
// its processes (by result, then process), then their samples, counters and load records.
class RunAssembler {
 public:
  // A run's row of kRunColumns.
  static RunRecord run_of(const Row& row);

  // `run` as run_of read it; its config comes in the column after kRunColumns.
  explicit RunAssembler(RunRecord run) : run_(std::move(run)) {}

  // id, run_a, run_b, label_a, label_b, looks
  void add_ab_link(const Row& row);
  // name, version, abi, benchmark_version, file, sha256
  void add_plugin(const Row& row);
  // id, name, plugin, kind, status, reason, output_tail, settings
  void add_result(const Row& row);
  // result_id, process, peak_rss_bytes, steal, cpu_pressure, cpu, involuntary_switches,
  // position, median_real_seconds, median_cpu_seconds, allowed_cpus, allocations, frees,
  // allocated_bytes (kProcessColumnCount columns; a backend may read more after them).
  ProcessRecord& add_process(const Row& row);
  static constexpr int kProcessColumnCount = 14;
  // result_id, process, repetition, iterations, real_ns, cpu_ns, instructions
  void add_sample(const Row& row);
  // result_id, process, repetition, name, value
  void add_counter(const Row& row);
  // result_id, process, intended, sent, completed, errors, late, dropped, elapsed, first_error,
  // latency, schedule_error
  void add_load_totals(const Row& row);
  // result_id, process, second, latency (by result, process, second)
  void add_load_second(const Row& row);

  const RunRecord& run() const { return run_; }
  RunRecord take() { return std::move(run_); }

 private:
  // The process a row's first two columns (result_id, process) name; StorageError when the
  // database holds none.
  ProcessRecord& process_of(const Row& row);

  RunRecord run_;
  SettingsParser settings_;
  std::map<std::int64_t, std::size_t> result_index_;
  std::map<std::pair<std::int64_t, int>, std::pair<std::size_t, std::size_t>> process_index_;
};

}  // namespace benchctl::store
