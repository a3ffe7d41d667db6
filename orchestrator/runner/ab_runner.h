// Measuring two builds of the same plugins side by side (benchctl ab): for each benchmark, worker
// processes of build A and build B alternate pair by pair (AB BA BA AB ..., the pattern's phase
// drawn per benchmark), interleaved across benchmarks round by round, so that whatever the machine
// does hits both builds of a pair. Each build is stored as a run; the two runs are linked.
//
// Adaptive replication: after the minimum number of pairs, and at planned looks after it (the
// number of pairs doubling up to the maximum), each benchmark is analysed paired
// (stats::compare_paired, the error rate spent over the looks); a benchmark is decided when its
// interval is entirely beyond the noise floor with p below alpha, or entirely within ± warn, and
// is not measured further, so that the time goes to the undecided ones.
#pragma once

#include <string>
#include <vector>

#include "runner/measurer.h"
#include "runner/suite_runner.h"
#include "store/store.h"
#include "suite/resolver.h"

namespace benchctl::runner {

// The same suite resolved against each build's plugins: a.jobs[i] and b.jobs[i] are the same
// benchmark with each side's plugin file.
struct AbPlan {
  suite::ResolvedSuite a;
  suite::ResolvedSuite b;
  std::vector<std::string> only_a;  // benchmarks one build has and the other has not
  std::vector<std::string> only_b;
};

struct AbSettings {
  std::string label_a = "A";
  std::string label_b = "B";
  int min_pairs = 10;
  // Enough for +2% at a pair spread of 2.6% (measured with a CPU hog on the other core): the
  // interval then clears a 1% noise floor. Equal to min_pairs: a fixed number of pairs, one look.
  int max_pairs = 240;
  store::Environment environment;
};

// The numbers of pairs at which the benchmarks are analysed: min, doubling, then max.
std::vector<int> planned_looks(int min_pairs, int max_pairs);

struct AbOutcome {
  std::int64_t run_a = 0;
  std::int64_t run_b = 0;
  int looks = 1;
  int failed = 0;
};

// Throws Interrupted (after storing both runs as interrupted) when the user stops benchctl.
AbOutcome run_ab(const AbPlan& plan, store::Store& store, Measurer& measurer,
                 const AbSettings& settings, ProgressListener* progress);

}  // namespace benchctl::runner
