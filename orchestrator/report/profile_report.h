// Profiles rendered: per benchmark its costliest functions (or, against another build, the
// functions where it spends more), as a table in the terminal, Markdown and CSV formats, as JSON
// with the stacks, and each profile as folded stacks and in callgrind's format (KCachegrind).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/profile.h"
#include "report/format.h"
#include "report/table.h"

namespace benchctl::report {

// The functions a report lists per profile where the user gave no --top.
constexpr std::size_t kProfileTopFunctions = 10;

// The `top` functions of the largest self cost.
Table function_table(const store::ProfileRecord& profile, std::size_t top);
// The `top` functions where B spends the most added self cost.
Table change_table(const analysis::ProfileDifference& difference, std::size_t top);

// Every benchmark's heading, notes and table; JSON (benchctl.profiles/1) holds the stacks too.
std::string render_profiles(const std::vector<analysis::BenchmarkProfile>& profiles, Format format,
                            std::size_t top);
nlohmann::json profiles_json(const std::vector<analysis::BenchmarkProfile>& profiles,
                             std::size_t top);

// The profile in callgrind's format: each function's self cost, and each call's inclusive cost,
// per the whole profiled run.
std::string callgrind_text(const store::ProfileRecord& profile);

}  // namespace benchctl::report
