#include "analysis/disturbance.h"

#include <algorithm>

namespace benchctl::analysis {
namespace {

void add(Disturbance& total, const store::ProcessConditions& conditions) {
  if (!conditions.steal && !conditions.cpu_pressure)
    return;
  ++total.processes;
  total.disturbed += disturbed(conditions) ? 1 : 0;
  total.worst_steal = std::max(total.worst_steal, conditions.steal.value_or(0));
  total.worst_pressure = std::max(total.worst_pressure, conditions.cpu_pressure.value_or(0));
}

}  // namespace

bool disturbed(const store::ProcessConditions& conditions) {
  return conditions.steal.value_or(0) >= kStealLimit ||
         conditions.cpu_pressure.value_or(0) >= kPressureLimit;
}

Disturbance assess(const store::ResultRecord& result) {
  Disturbance total;
  for (const store::ProcessRecord& process : result.processes)
    add(total, process.conditions);
  return total;
}

Disturbance assess(const store::RunRecord& run) {
  Disturbance total;
  for (const store::ResultRecord& result : run.results) {
    for (const store::ProcessRecord& process : result.processes)
      add(total, process.conditions);
  }
  return total;
}

}  // namespace benchctl::analysis
