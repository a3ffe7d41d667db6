// JUnit XML for CI systems: one testcase per benchmark that ran, per comparison verdict and per
// budget, failed when it gates.
#pragma once

#include <string>
#include <vector>

namespace benchctl::report {

struct JunitCase {
  std::string classname;  // "run", "compare", "budget"
  std::string name;       // the benchmark (and budget metric)
  std::string failure;    // empty when it passed
  bool skipped = false;
  std::string detail;  // system-out
};

std::string render_junit(const std::string& suite_name, const std::vector<JunitCase>& cases);

// Writes the file; throws InputError naming it when it cannot.
void write_file(const std::string& path, const std::string& text);

}  // namespace benchctl::report
