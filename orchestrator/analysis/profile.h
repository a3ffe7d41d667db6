// What a profile says: each function's cost per iteration, in itself (self) and with what it
// calls (total), and where one build spends more than another (the differential profile).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace benchctl::analysis {

struct FunctionCost {
  std::string function;
  double self = 0;   // per iteration, in the profile's event
  double total = 0;  // per iteration, with its callees; a recursive function counted once
};

// A profile of sampled time (perf), not of exactly counted events (callgrind).
bool is_sampled(const store::ProfileRecord& profile);

// The cost of one iteration: every stack's.
double cost_per_iteration(const store::ProfileRecord& profile);

// Every function in the profile, the largest self cost first (then by name).
std::vector<FunctionCost> function_costs(const store::ProfileRecord& profile);

struct FunctionChange {
  std::string function;
  FunctionCost a;  // zero when only B has it; scaled by ProfileDifference::a_scale
  FunctionCost b;  // zero when only A has it
  double added_self() const { return b.self - a.self; }
  double added_total() const { return b.total - a.total; }
};

// Build B's profile against build A's, of one benchmark. Sampled times (perf's "ns") move with the
// machine between the two profiles, every function alike, so A's functions are first scaled to
// B's total, as difffolded.pl -n does: what remains is where B's time shifted. Counted events (Ir)
// are exact, and compared as they are.
struct ProfileDifference {
  store::ProfileRecord a;
  store::ProfileRecord b;
  double a_per_iteration = 0;  // as measured, not scaled
  double b_per_iteration = 0;
  double a_scale = 1;  // what A's functions in `changes` were multiplied by
  // Every function of either, where B spends the most added self cost first; functions where B
  // spends less come last, the largest saving at the end.
  std::vector<FunctionChange> changes;
};

// One benchmark's profile on a build (B), and on another build (A) when it was profiled against
// one.
struct BenchmarkProfile {
  store::ProfileRecord profile;
  std::optional<store::ProfileRecord> against;
};

// Throws InputError when the two profiles count different events (a callgrind profile against a
// perf one).
ProfileDifference difference(store::ProfileRecord a, store::ProfileRecord b);

}  // namespace benchctl::analysis
