// The parts of a suite that `defaults:`, `policy:` and entries share: settings (processes,
// repetitions, times...), the regression policy, and the run's schedule.
#pragma once

#include <string>
#include <vector>

#include "suite/yaml_reader.h"

namespace benchctl::suite {

// The keys of `defaults:`, which entries may set too.
const std::vector<std::string>& setting_keys();

Settings parse_settings(const YamlReader& yaml, const YAML::Node& map);
// `time`, `instructions` or a list of them.
Measures parse_measures(const YamlReader& yaml, const YAML::Node& node);
PolicySettings parse_policy(const YamlReader& yaml, const YAML::Node& node,
                            const SourceLocation& parent);
Schedule parse_schedule(const YamlReader& yaml, const YAML::Node& node,
                        const SourceLocation& parent);

}  // namespace benchctl::suite
