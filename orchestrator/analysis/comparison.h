// Comparing two stored runs benchmark by benchmark, matched by name whatever suite each came from.
// Every benchmark of either side appears in the result: compared, or with the reason it was not.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "stats/verdict.h"
#include "store/records.h"

namespace benchctl::analysis {

// Which side of a comparison a run is, as the user named it.
struct Side {
  std::int64_t run_id = 0;
  std::string reference;  // "phase10-final", "run 12"
  std::string suite;
  std::string started_at;
  std::string commit;
};

enum class Standing {
  compared,            // both sides measured it
  only_in_baseline,    // the newer run does not have it
  only_in_current,     // the baseline does not have it
  failed_in_baseline,  // one side failed to measure it
  failed_in_current,
};
std::string to_string(Standing standing);

struct BenchmarkComparison {
  std::string name;
  store::ResultKind kind = store::ResultKind::benchmark;
  Standing standing = Standing::compared;
  stats::Policy policy;
  stats::SampleComparison result;  // when compared
  std::string unit = "time";       // "time" (seconds per operation) or "size" (bytes)
};

struct RunComparison {
  Side baseline;
  Side current;
  std::vector<std::string> environment_differences;  // "cores: 2 → 4"
  std::vector<std::string> notes;  // what limits the verdicts, such as too few processes
  std::vector<BenchmarkComparison> benchmarks;  // regressions first, then by name

  int count(stats::Verdict verdict) const;
  int count(Standing standing) const;
};

// Compares `current` against `baseline`. `filter` (searched in names) narrows both sides.
RunComparison compare_runs(const store::RunRecord& baseline, const std::string& baseline_reference,
                           const store::RunRecord& current, const std::string& current_reference,
                           const std::optional<std::regex>& filter);

}  // namespace benchctl::analysis
