#include "suite/suite.h"

#include "util/overlay.h"

namespace benchctl::suite {

std::string SourceLocation::str() const {
  if (line <= 0)
    return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

PolicySettings PolicySettings::overlaid_on(const PolicySettings& base) const {
  PolicySettings merged = base;
  util::lay_over(merged.alpha, alpha);
  util::lay_over(merged.noise_floor, noise_floor);
  util::lay_over(merged.warn, warn);
  util::lay_over(merged.fail, fail);
  util::lay_over(merged.confidence, confidence);
  util::lay_over(merged.cpu_time, cpu_time);
  return merged;
}

stats::Policy PolicySettings::resolve() const {
  stats::Policy policy;
  policy.alpha = alpha.value_or(policy.alpha);
  policy.noise_floor = noise_floor.value_or(policy.noise_floor);
  policy.warn = warn.value_or(policy.warn);
  policy.fail = fail.value_or(policy.fail);
  policy.confidence = confidence.value_or(policy.confidence);
  policy.cpu_time = cpu_time.value_or(policy.cpu_time);
  return policy;
}

Settings builtin_defaults() {
  Settings defaults;
  defaults.processes = 10;
  defaults.repetitions = 3;
  defaults.min_time = 0.1;
  defaults.warmup = 0.05;
  defaults.timeout = 120;
  defaults.runs = 10;
  defaults.warmup_runs = 2;
  return defaults;
}

std::string to_string(Schedule schedule) {
  return schedule == Schedule::sequential ? "sequential" : "interleaved";
}

}  // namespace benchctl::suite
