// benchctl bisect: the first commit between a good and a bad one at which a benchmark moved,
// found by building and measuring commits in binary search, as git bisect does. A commit is
// measured by a Prober (workflow/commit_prober.h: a git worktree, the user's build command, a
// run); the search itself knows only commits and figures, so that tests can drive it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace benchctl::workflow {

// One commit measured: each benchmark's figure (instructions per iteration, or seconds when
// they cannot be counted), or why it could not be built or run.
struct Probe {
  std::string commit;
  bool measured = false;
  std::string why_not;      // when not measured
  std::int64_t run_id = 0;  // the stored run, when measured
  std::map<std::string, double> figures;
  bool new_level = false;  // set by bisect: measured at the bad commit's level
};

class Prober {
 public:
  virtual ~Prober() = default;
  virtual Probe probe(const std::string& commit) = 0;
};

struct BisectOptions {
  std::size_t max_builds = 16;  // probes at most, the two ends included when probed
  double min_change = 0.005;    // a benchmark moved between the ends by at least this much
};

enum class BisectEnd {
  found,      // `culprit` is the first commit at the new level
  range,      // unbuildable commits (or max_builds) leave `first_candidate`..`culprit`
  no_change,  // no benchmark moved between the ends
};

struct BisectResult {
  BisectEnd end = BisectEnd::found;
  std::vector<std::string> moved;  // the benchmarks that moved between the ends
  std::map<std::string, double> good_figures, bad_figures;
  std::string last_good;        // the newest commit measured at the old level
  std::string culprit;          // the oldest commit measured at the new level
  std::string first_candidate;  // range: the oldest commit it may be
  std::vector<Probe> probes;    // in the order measured, the ends first
  std::size_t builds = 0;
};

// `commits`: the good commit, then every commit after it up to the bad one (last). `known` holds
// the ends' probes when they need no build (a stored run's figures). Throws InputError when an
// end cannot be measured.
BisectResult bisect(const std::vector<std::string>& commits, Prober& prober,
                    const std::map<std::string, Probe>& known, const BisectOptions& options);

}  // namespace benchctl::workflow
