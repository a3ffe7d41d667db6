#include "runner/suite_runner.h"

#include "runner/benchmark_process.h"
#include "runner/command_process.h"
#include "runner/environment.h"
#include "util/error.h"
#include "util/sha256.h"

namespace benchctl::runner {
namespace {

nlohmann::json budget_json(const suite::Budget& budget) {
  nlohmann::json json = {
      {"metric", suite::to_string(budget.metric)}, {"limit", budget.limit}, {"hard", budget.hard}};
  if (budget.metric == suite::BudgetMetric::min_throughput)
    json["bytes"] = budget.limit_is_bytes_rate;
  if (!budget.counter.empty())
    json["counter"] = budget.counter;
  return json;
}

// Measures one job: all its worker processes (or command runs), stopping at the first failure.
void measure_job(const suite::Job& job, std::int64_t result_id, store::Store& store,
                 const RunOptions& options, store::ResultRecord& result) {
  auto record = [&](const ProcessOutcome& outcome) {
    if (!outcome.ok) {
      result.status = store::ResultStatus::failed;
      result.reason = outcome.failure;
      result.output_tail = outcome.output_tail;
      return false;
    }
    store.add_process(result_id, outcome.record);
    result.processes.push_back(outcome.record);
    return true;
  };

  result.status = store::ResultStatus::ok;
  switch (job.kind) {
    case suite::EntryKind::benchmark:
      for (int process = 0; process < *job.settings.processes; ++process) {
        if (!record(measure_in_worker(job, process, options.executable)))
          break;
      }
      break;
    case suite::EntryKind::command: {
      const auto helper = find_rusage_helper(options.executable);
      for (int warmup = 0; warmup < *job.settings.warmup_runs; ++warmup) {
        ProcessOutcome outcome = time_command(job, warmup, helper);
        if (!outcome.ok) {
          outcome.failure = "warm-up run: " + outcome.failure;
          record(outcome);
          return;
        }
      }
      for (int run = 0; run < *job.settings.runs; ++run) {
        if (!record(time_command(job, run, helper)))
          break;
      }
      break;
    }
    case suite::EntryKind::file_size:
      record(measure_file_size(job));
      break;
  }
}

}  // namespace

nlohmann::json job_settings(const suite::Job& job) {
  const suite::Settings& s = job.settings;
  nlohmann::json settings;
  switch (job.kind) {
    case suite::EntryKind::benchmark:
      settings = {{"processes", *s.processes},
                  {"repetitions", *s.repetitions},
                  {"min_time", *s.min_time},
                  {"warmup", *s.warmup},
                  {"timeout", *s.timeout}};
      break;
    case suite::EntryKind::command:
      settings = {{"command", job.command},
                  {"runs", *s.runs},
                  {"warmup_runs", *s.warmup_runs},
                  {"timeout", *s.timeout}};
      break;
    case suite::EntryKind::file_size:
      settings = {{"file", job.file}};
      break;
  }
  const stats::Policy policy = job.policy.resolve();
  settings["policy"] = {{"alpha", policy.alpha},
                        {"noise_floor", policy.noise_floor},
                        {"warn", policy.warn},
                        {"fail", policy.fail},
                        {"confidence", policy.confidence},
                        {"time", policy.cpu_time ? "cpu" : "real"}};
  settings["budgets"] = nlohmann::json::array();
  for (const suite::Budget& budget : job.budgets)
    settings["budgets"].push_back(budget_json(budget));
  return settings;
}

nlohmann::json resolved_config(const suite::ResolvedSuite& resolved) {
  nlohmann::json config;
  config["suite"] = resolved.suite.name;
  config["plugins"] = nlohmann::json::array();
  for (const auto& plugin : resolved.plugins) {
    config["plugins"].push_back(
        {{"name", plugin.name}, {"version", plugin.version}, {"abi", plugin.abi}});
  }
  config["benchmarks"] = nlohmann::json::array();
  for (const suite::Job& job : resolved.jobs) {
    config["benchmarks"].push_back({{"name", job.name},
                                    {"kind", suite::to_string(job.kind)},
                                    {"settings", job_settings(job)}});
  }
  return config;
}

RunOutcome run_suite(const suite::ResolvedSuite& resolved, store::Store& store,
                     const RunOptions& options, ProgressListener* progress) {
  store::NewRun new_run;
  new_run.suite_name = resolved.suite.name;
  new_run.suite_file = resolved.suite.file.string();
  new_run.label = options.label;
  new_run.config = resolved_config(resolved);
  new_run.config_hash = util::sha256_hex(new_run.config.dump());
  new_run.environment = capture_environment();
  for (const auto& plugin : resolved.plugins) {
    new_run.plugins.push_back(
        {plugin.name, plugin.version, plugin.abi, plugin.benchmark_version, plugin.file.string()});
  }

  RunOutcome outcome;
  outcome.run_id = store.begin_run(new_run);
  outcome.benchmarks = static_cast<int>(resolved.jobs.size());
  if (progress)
    progress->run_started(outcome.run_id, resolved.jobs.size());
  for (std::size_t index = 0; index < resolved.jobs.size(); ++index) {
    const suite::Job& job = resolved.jobs[index];
    store::ResultRecord result;
    result.name = job.name;
    result.plugin = job.plugin;
    result.kind = suite::to_string(job.kind);
    result.settings = job_settings(job);
    result.id =
        store.begin_result(outcome.run_id, {job.name, job.plugin, result.kind, result.settings});
    try {
      measure_job(job, result.id, store, options, result);
    } catch (const Interrupted&) {
      store.finish_result(result.id, store::ResultStatus::failed, "interrupted by the user", "");
      store.finish_run(outcome.run_id, store::RunStatus::interrupted);
      throw;
    }
    store.finish_result(result.id, result.status, result.reason, result.output_tail);
    if (result.status == store::ResultStatus::failed)
      ++outcome.failed;
    if (progress)
      progress->benchmark_finished(index, resolved.jobs.size(), job, result);
  }
  store.finish_run(outcome.run_id, store::RunStatus::complete);
  return outcome;
}

}  // namespace benchctl::runner
