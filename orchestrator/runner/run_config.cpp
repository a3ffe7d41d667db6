#include "runner/run_config.h"

#include "util/sha256.h"

namespace benchctl::runner {

store::ResultSettings result_settings(const suite::Job& job) {
  const suite::Settings& s = job.settings;
  store::ResultSettings settings;
  switch (job.kind) {
    case suite::EntryKind::benchmark:
      settings.measure.processes = s.processes;
      settings.measure.repetitions = s.repetitions;
      settings.measure.min_time = s.min_time;
      settings.measure.warmup = s.warmup;
      settings.measure.timeout = s.timeout;
      settings.measure.measurement = s.measurement;
      settings.measure.cache_simulation = s.cache_simulation;
      break;
    case suite::EntryKind::command:
      settings.command = job.command;
      settings.measure.runs = s.runs;
      settings.measure.warmup_runs = s.warmup_runs;
      settings.measure.timeout = s.timeout;
      break;
    case suite::EntryKind::file_size:
      settings.file = job.file;
      break;
    case suite::EntryKind::load:
      settings.measure.processes = s.processes;
      settings.measure.timeout = s.timeout;
      settings.load = job.load;
      break;
  }
  settings.policy = job.policy.resolve();
  settings.budgets.assign(job.budgets.begin(), job.budgets.end());
  return settings;
}

nlohmann::json resolved_config(const suite::ResolvedSuite& resolved) {
  nlohmann::json config;
  config["suite"] = resolved.suite.name;
  config["schedule"] = suite::to_string(resolved.schedule());
  config["plugins"] = nlohmann::json::array();
  for (const auto& plugin : resolved.plugins) {
    config["plugins"].push_back(
        {{"name", plugin.name}, {"version", plugin.version}, {"abi", plugin.abi}});
  }
  config["benchmarks"] = nlohmann::json::array();
  for (const suite::Job& job : resolved.jobs) {
    config["benchmarks"].push_back({{"name", job.name},
                                    {"kind", store::to_string(job.kind)},
                                    {"settings", result_settings(job)}});
  }
  return config;
}

store::NewRun new_run(const suite::ResolvedSuite& resolved, const std::string& label,
                      const store::Environment& environment) {
  store::NewRun run;
  run.suite_name = resolved.suite.name;
  run.suite_file = resolved.suite.file.string();
  run.label = label;
  run.config = resolved_config(resolved);
  run.config_hash = util::sha256_hex(run.config.dump());
  run.environment = environment;
  for (const auto& plugin : resolved.plugins) {
    run.plugins.push_back({plugin.name,
                           plugin.version,
                           plugin.abi,
                           plugin.benchmark_version,
                           plugin.file.string(),
                           {}});
  }
  return run;
}

store::ResultRecord begin_result(store::Store& store, std::int64_t run_id, const suite::Job& job) {
  store::ResultRecord result;
  result.name = job.name;
  result.plugin = job.plugin;
  result.kind = job.kind;
  result.settings = result_settings(job);
  result.status = store::ResultStatus::ok;
  result.id = store.begin_result(run_id, {job.name, job.plugin, job.kind, result.settings});
  return result;
}

}  // namespace benchctl::runner
