// A Google Benchmark filter (--benchmark_filter, a regular expression) that matches exactly one
// benchmark name, whatever characters the name holds.
#pragma once

#include <string>

namespace benchctl::runner {

std::string exact_filter(const std::string& name);

}  // namespace benchctl::runner
