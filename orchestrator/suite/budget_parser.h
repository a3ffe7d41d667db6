// A suite entry's `budgets:`: limits on its figures, hard or soft, each checked against the kind
// of entry it is on.
#pragma once

#include "suite/yaml_reader.h"

namespace benchctl::suite {

// Appends the budgets `node` declares to `entry.budgets`.
void parse_budgets(const YamlReader& yaml, const YAML::Node& node, Entry& entry);

}  // namespace benchctl::suite
