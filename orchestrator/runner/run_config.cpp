#include "runner/run_config.h"

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

}  // namespace benchctl::runner
