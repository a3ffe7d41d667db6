#include "store/run_assembly.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/error.h"

namespace benchctl::store {

RunRecord RunAssembler::run_of(const Row& row) {
  RunRecord run;
  run.id = row.int64(0);
  run.suite_name = row.text(1);
  run.suite_file = row.text(2);
  run.label = row.text(3);
  run.status = run_status_from_string(row.text(4));
  run.started_at = row.text(5);
  run.finished_at = row.text(6);
  run.config_hash = row.text(7);
  run.environment = stored_environment(row.text(8), run.id);
  run.uuid = row.text(9);
  if (const auto group = row.optional_text(10))
    run.shard = GroupShard{*group, static_cast<int>(row.optional_int64(11).value_or(0))};
  return run;
}

void RunAssembler::add_ab_link(const Row& row) {
  run_.ab = AbLink{row.int64(0), row.int64(1), row.int64(2),
                   row.text(3),  row.text(4),  static_cast<int>(row.int64(5))};
}

void RunAssembler::add_plugin(const Row& row) {
  run_.plugins.push_back(
      {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)});
}

void RunAssembler::add_result(const Row& row) {
  ResultRecord& result = run_.results.emplace_back();
  result.id = row.int64(0);
  result.name = row.text(1);
  result.plugin = row.text(2);
  result.kind = result_kind_from_string(row.text(3));
  result.status = result_status_from_string(row.text(4));
  result.reason = row.text(5);
  result.output_tail = row.text(6);
  result.settings = settings_.parse(row.text(7));
  result_index_[result.id] = run_.results.size() - 1;
  run_.failed_count += result.status == ResultStatus::failed ? 1 : 0;
  run_.result_count = static_cast<int>(run_.results.size());
}

ProcessRecord& RunAssembler::add_process(const Row& row) {
  const auto result = result_index_.find(row.int64(0));
  if (result == result_index_.end())
    throw StorageError(
        fmt::format("a process of result {}, not of this run, in the database", row.int64(0)));
  std::vector<ProcessRecord>& processes = run_.results[result->second].processes;
  ProcessRecord& process = processes.emplace_back();
  process.index = static_cast<int>(row.int64(1));
  process_index_[{row.int64(0), process.index}] = {result->second, processes.size() - 1};
  process.peak_rss_bytes = row.optional_int64(2);
  process.conditions.steal = row.optional_real(3);
  process.conditions.cpu_pressure = row.optional_real(4);
  process.conditions.cpu = optional_int(row.optional_int64(5));
  process.conditions.involuntary_switches = row.optional_int64(6);
  process.conditions.position = optional_int(row.optional_int64(7));
  process.median_real_seconds = row.optional_real(8);
  process.median_cpu_seconds = row.optional_real(9);
  process.conditions.allowed_cpus = stored_cpu_list(row.optional_text(10));
  if (const auto allocations = row.optional_real(11)) {
    process.allocations = AllocationCounts{*allocations, row.optional_real(12).value_or(0),
                                           row.optional_real(13).value_or(0)};
  }
  return process;
}

ProcessRecord& RunAssembler::process_of(const Row& row) {
  const auto found = process_index_.find({row.int64(0), static_cast<int>(row.int64(1))});
  if (found == process_index_.end()) {
    throw StorageError(
        fmt::format("a row of process {} of result {} without the process in the "
                    "database",
                    row.int64(1), row.int64(0)));
  }
  return run_.results[found->second.first].processes[found->second.second];
}

void RunAssembler::add_sample(const Row& row) {
  Sample& sample = process_of(row).samples.emplace_back();
  sample.repetition = static_cast<int>(row.int64(2));
  sample.iterations = row.int64(3);
  sample.real_seconds = to_seconds(row.optional_int64(4));
  sample.cpu_seconds = to_seconds(row.optional_int64(5));
  sample.instructions = row.optional_int64(6);
}

void RunAssembler::add_counter(const Row& row) {
  const int repetition = static_cast<int>(row.int64(2));
  for (Sample& sample : process_of(row).samples) {
    if (sample.repetition == repetition)
      sample.counters[row.text(3)] = row.real(4);
  }
}

void RunAssembler::add_load_totals(const Row& row) {
  LoadRecord& load = process_of(row).load.emplace();
  const auto count = [&](int column) { return static_cast<std::uint64_t>(row.int64(column)); };
  load.intended = count(2);
  load.sent = count(3);
  load.completed = count(4);
  load.errors = count(5);
  load.late = count(6);
  load.dropped = count(7);
  load.elapsed = row.real(8);
  load.first_error = row.text(9);
  load.latency = stored_histogram(row.text(10));
  load.schedule_error = stored_histogram(row.text(11));
}

void RunAssembler::add_load_second(const Row& row) {
  ProcessRecord& process = process_of(row);
  if (!process.load)
    throw StorageError("a load test's second without its process's totals in the database");
  const auto second = static_cast<std::size_t>(row.int64(2));
  process.load->seconds.resize(std::max(process.load->seconds.size(), second + 1));
  process.load->seconds[second] = stored_histogram(row.text(3));
}

}  // namespace benchctl::store
