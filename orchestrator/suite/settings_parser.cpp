#include "suite/settings_parser.h"

#include <fmt/format.h>

#include "util/error.h"

namespace benchctl::suite {

const std::vector<std::string>& setting_keys() {
  static const std::vector<std::string> keys = {
      "processes", "repetitions", "min_time", "warmup",           "timeout",
      "runs",      "warmup_runs", "measure",  "cache_simulation", "affinity"};
  return keys;
}

Measures parse_measures(const YamlReader& yaml, const YAML::Node& node) {
  std::vector<std::string> names;
  if (node.IsScalar()) {
    names.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node)
      names.push_back(item.IsScalar() ? item.Scalar() : "");
  }
  const std::optional<Measures> measures = Measures::from_names(names);
  if (!measures) {
    yaml.fail(node, {yaml.file(), 0, 0},
              fmt::format("'measure' is {}, expected time, instructions or allocations, or a list "
                          "of them, each once",
                          describe(node)));
  }
  return *measures;
}

[[noreturn]] void refuse_affinity(const YamlReader& yaml, const YAML::Node& node) {
  yaml.fail(node, {yaml.file(), 0, 0},
            fmt::format("'affinity' is {}, expected a list of CPUs such as [1] or [0, 2], or a CPU "
                        "list such as 0-3",
                        describe(node)));
}

// `affinity: [1, 3]` or a CPU list as Linux writes it (`affinity: 0-3`).
util::CpuSet parse_affinity(const YamlReader& yaml, const YAML::Node& node) {
  std::string text;
  if (node.IsScalar()) {
    text = node.Scalar();
  } else if (node.IsSequence() && node.size() > 0) {
    for (const YAML::Node& item : node) {
      if (!item.IsScalar() || item.Scalar().empty() ||
          item.Scalar().find_first_not_of("0123456789") != std::string::npos) {
        yaml.fail(item, {yaml.file(), 0, 0},
                  fmt::format("'affinity' has {}, expected CPU numbers such as [1] or [0, 2]",
                              describe(item)));
      }
      text += (text.empty() ? "" : ",") + item.Scalar();
    }
  } else {
    refuse_affinity(yaml, node);
  }
  try {
    const util::CpuSet cpus = util::CpuSet::parse(text, "'affinity'");
    if (cpus.empty())
      refuse_affinity(yaml, node);
    return cpus;
  } catch (const InputError&) {
    refuse_affinity(yaml, node);
  }
}

Settings parse_settings(const YamlReader& yaml, const YAML::Node& map) {
  Settings settings;
  if (const auto n = map["processes"])
    settings.processes = yaml.positive_int(n, "processes");
  if (const auto n = map["repetitions"])
    settings.repetitions = yaml.positive_int(n, "repetitions");
  if (const auto n = map["min_time"])
    settings.min_time = yaml.duration(n, "min_time", false);
  if (const auto n = map["warmup"])
    settings.warmup = yaml.duration(n, "warmup", true);
  if (const auto n = map["timeout"])
    settings.timeout = yaml.duration(n, "timeout", false);
  if (const auto n = map["runs"])
    settings.runs = yaml.positive_int(n, "runs");
  if (const auto n = map["warmup_runs"]) {
    settings.warmup_runs =
        n.IsScalar() && n.Scalar() == "0" ? 0 : yaml.positive_int(n, "warmup_runs");
  }
  if (const auto n = map["measure"])
    settings.measurement = parse_measures(yaml, n);
  if (const auto n = map["cache_simulation"]) {
    if (!n.IsScalar() || (n.Scalar() != "true" && n.Scalar() != "false")) {
      yaml.fail(n, {yaml.file(), 0, 0},
                fmt::format("'cache_simulation' is {}, expected true or false", describe(n)));
    }
    settings.cache_simulation = n.Scalar() == "true";
  }
  if (const auto n = map["affinity"])
    settings.affinity = parse_affinity(yaml, n);
  return settings;
}

Schedule parse_schedule(const YamlReader& yaml, const YAML::Node& node,
                        const SourceLocation& parent) {
  if (node.IsScalar() && node.Scalar() == "interleaved")
    return Schedule::interleaved;
  if (node.IsScalar() && node.Scalar() == "sequential")
    return Schedule::sequential;
  yaml.fail(
      node, parent,
      fmt::format("'schedule' is {}, expected interleaved (process k of every benchmark before "
                  "process k+1 of any) or sequential",
                  describe(node)));
}

PolicySettings parse_policy(const YamlReader& yaml, const YAML::Node& node,
                            const SourceLocation& parent) {
  const SourceLocation where = yaml.at(node, parent);
  yaml.expect_map(node, where, "policy");
  yaml.check_keys(node, where, {"alpha", "noise_floor", "warn", "fail", "confidence", "time"},
                  "policy");
  PolicySettings policy;
  if (const auto n = node["alpha"])
    policy.alpha = yaml.fraction(n, "alpha", false, 0, 1);
  if (const auto n = node["noise_floor"])
    policy.noise_floor = yaml.fraction(n, "noise_floor", true, -1e-12, 1);
  if (const auto n = node["warn"])
    policy.warn = yaml.fraction(n, "warn", true, 0, 10);
  if (const auto n = node["fail"])
    policy.fail = yaml.fraction(n, "fail", true, 0, 10);
  if (const auto n = node["confidence"])
    policy.confidence = yaml.fraction(n, "confidence", true, 0.5, 1);
  if (const auto n = node["time"]) {
    if (!n.IsScalar() || (n.Scalar() != "real" && n.Scalar() != "cpu")) {
      yaml.fail(n, where,
                fmt::format("'time' is {}, expected real (wall time) or cpu", describe(n)));
    }
    policy.cpu_time = n.Scalar() == "cpu";
  }
  if (policy.warn && policy.fail && *policy.warn > *policy.fail) {
    yaml.fail(node["warn"], where,
              fmt::format("'warn' is {}, expected at most 'fail' ({})", describe(node["warn"]),
                          node["fail"].Scalar()));
  }
  return policy;
}

}  // namespace benchctl::suite
