#include "runner/affinity.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "util/error.h"

namespace benchctl::runner {
namespace {

bool runs_in_workers(const suite::Job& job) {
  return job.kind == suite::EntryKind::benchmark || job.kind == suite::EntryKind::load;
}

}  // namespace

util::CpuSet isolated_cpus(const std::filesystem::path& sys) {
  std::ifstream file(sys / "devices/system/cpu/isolated");
  std::stringstream text;
  text << file.rdbuf();
  if (!file)
    return {};
  try {
    return util::CpuSet::parse(text.str(), "the isolated CPUs");
  } catch (const InputError&) {
    return {};  // a kernel that writes something else isolates nothing benchctl can use
  }
}

void assign_affinity(suite::ResolvedSuite& resolved, const std::optional<util::CpuSet>& chosen,
                     const util::CpuSet& isolated) {
  const util::CpuSet usable = util::allowed_cpus();
  if (chosen && !chosen->without(usable).empty()) {
    throw InputError(fmt::format("--affinity {}: CPU {} is not one this process may use ({})",
                                 chosen->to_string(), chosen->without(usable).cpus().front(),
                                 usable.to_string()));
  }
  for (suite::Job& job : resolved.jobs) {
    if (!runs_in_workers(job))
      continue;
    if (chosen)
      job.settings.affinity = *chosen;
    else if (!job.settings.affinity && !isolated.empty() && isolated.without(usable).empty())
      job.settings.affinity = isolated;
    if (job.settings.affinity && !job.settings.affinity->without(usable).empty()) {
      throw InputError(
          fmt::format("{}: affinity of '{}' is {}, but CPU {} is not one this process may use ({})",
                      resolved.suite.file.string(), job.name, job.settings.affinity->to_string(),
                      job.settings.affinity->without(usable).cpus().front(), usable.to_string()));
    }
  }
}

void keep_off_worker_cpus(const std::vector<suite::Job>& jobs) {
  util::CpuSet pinned;
  for (const suite::Job& job : jobs) {
    if (runs_in_workers(job) && job.settings.affinity)
      pinned = pinned.with(*job.settings.affinity);
  }
  const util::CpuSet rest = util::allowed_cpus().without(pinned);
  // Without pinned workers, or with workers on every CPU, there is nowhere else to go.
  if (!pinned.empty() && !rest.empty())
    util::pin_this_process(rest);
}

}  // namespace benchctl::runner
