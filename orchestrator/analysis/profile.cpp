#include "analysis/profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "util/error.h"

namespace benchctl::analysis {
namespace {

std::map<std::string, FunctionCost> costs_by_function(const store::ProfileRecord& profile) {
  std::map<std::string, FunctionCost> costs;
  const double iterations = static_cast<double>(std::max<std::int64_t>(profile.iterations, 1));
  for (const store::ProfileStack& stack : profile.stacks) {
    if (stack.frames.empty())
      continue;
    const double cost = static_cast<double>(stack.cost) / iterations;
    costs[stack.frames.back()].self += cost;
    std::set<std::string_view> counted;
    for (const std::string& frame : stack.frames) {
      if (counted.insert(frame).second)
        costs[frame].total += cost;
    }
  }
  for (auto& [name, cost] : costs)
    cost.function = name;
  return costs;
}

}  // namespace

bool is_sampled(const store::ProfileRecord& profile) {
  return profile.event == "ns";
}

double cost_per_iteration(const store::ProfileRecord& profile) {
  double total = 0;
  for (const store::ProfileStack& stack : profile.stacks)
    total += static_cast<double>(stack.cost);
  return total / static_cast<double>(std::max<std::int64_t>(profile.iterations, 1));
}

std::vector<FunctionCost> function_costs(const store::ProfileRecord& profile) {
  std::vector<FunctionCost> functions;
  for (auto& [name, cost] : costs_by_function(profile))
    functions.push_back(std::move(cost));
  std::stable_sort(functions.begin(), functions.end(),
                   [](const FunctionCost& x, const FunctionCost& y) { return x.self > y.self; });
  return functions;
}

ProfileDifference difference(store::ProfileRecord a, store::ProfileRecord b) {
  if (a.event != b.event) {
    throw InputError(fmt::format("cannot set a profile of {} ({}) against one of {} ({})", a.event,
                                 a.tool, b.event, b.tool));
  }
  ProfileDifference difference;
  difference.a_per_iteration = cost_per_iteration(a);
  difference.b_per_iteration = cost_per_iteration(b);
  if (is_sampled(a) && difference.a_per_iteration > 0)
    difference.a_scale = difference.b_per_iteration / difference.a_per_iteration;
  std::map<std::string, FunctionChange> changes;
  for (auto& [name, cost] : costs_by_function(a)) {
    cost.self *= difference.a_scale;
    cost.total *= difference.a_scale;
    changes[name].a = cost;
  }
  for (auto& [name, cost] : costs_by_function(b))
    changes[name].b = cost;
  for (auto& [name, change] : changes) {
    change.function = name;
    difference.changes.push_back(std::move(change));
  }
  std::stable_sort(difference.changes.begin(), difference.changes.end(),
                   [](const FunctionChange& x, const FunctionChange& y) {
                     return x.added_self() > y.added_self();
                   });
  difference.a = std::move(a);
  difference.b = std::move(b);
  return difference;
}

}  // namespace benchctl::analysis
