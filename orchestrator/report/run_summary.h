// The summary of one stored run, as `benchctl run` prints it at the end and `benchctl show`
// prints it later: a header, one row per benchmark, then each failure with its reason and the
// last lines its process printed.
#pragma once

#include <string>
#include <vector>

#include "store/records.h"

namespace benchctl::report {

std::string render_run_summary(const store::RunRecord& run);

// The list of runs, as `benchctl runs` prints it.
std::string render_run_list(const std::vector<store::RunRecord>& runs);

}  // namespace benchctl::report
