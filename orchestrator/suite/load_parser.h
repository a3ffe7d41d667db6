// A load entry's scenario (`load:`): the operation, the rate profile and the driver's threads,
// every value checked against the others (a ramp-up or a burst that does not fit in the run).
#pragma once

#include "suite/yaml_reader.h"

namespace benchctl::suite {

// Parses the `load:` mapping of the entry at `entry_where`. The operation's plugin is checked
// by the caller, against the suite's plugins.
store::LoadSpec parse_load(const YamlReader& yaml, const YAML::Node& node,
                           const SourceLocation& entry_where);

// Requests per second: a number or a count per second ("2000", "2000/s", "20K/s"); nothing
// for anything else.
std::optional<double> parse_request_rate(const std::string& text);

}  // namespace benchctl::suite
