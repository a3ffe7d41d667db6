#include "store/records.h"

#include "stats/summary.h"
#include "util/enum_names.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

constexpr util::EnumNames<ResultStatus, 3> kResultStatusNames{{{ResultStatus::running, "running"},
                                                               {ResultStatus::ok, "ok"},
                                                               {ResultStatus::failed, "failed"}}};

constexpr util::EnumNames<RunStatus, 4> kRunStatusNames{{{RunStatus::running, "running"},
                                                         {RunStatus::complete, "complete"},
                                                         {RunStatus::incomplete, "incomplete"},
                                                         {RunStatus::interrupted, "interrupted"}}};

}  // namespace

std::vector<double> times_per_iteration(const ProcessRecord& process, bool cpu_time) {
  if (process.samples.empty()) {
    const std::optional<double>& median =
        cpu_time ? process.median_cpu_seconds : process.median_real_seconds;
    return median ? std::vector<double>{*median} : std::vector<double>{};
  }
  std::vector<double> times;
  for (const Sample& sample : process.samples) {
    const std::optional<double>& seconds = cpu_time ? sample.cpu_seconds : sample.real_seconds;
    if (seconds && sample.iterations > 0)
      times.push_back(*seconds / static_cast<double>(sample.iterations));
  }
  return times;
}

std::optional<double> median_per_iteration(const ProcessRecord& process, bool cpu_time) {
  std::vector<double> times = times_per_iteration(process, cpu_time);
  if (times.empty())
    return std::nullopt;
  return stats::median(std::move(times));
}

std::vector<double> instructions_per_iteration(const ProcessRecord& process) {
  std::vector<double> counts;
  for (const Sample& sample : process.samples) {
    if (sample.instructions && sample.iterations > 0)
      counts.push_back(static_cast<double>(*sample.instructions) /
                       static_cast<double>(sample.iterations));
  }
  return counts;
}

std::string to_string(ResultStatus status) {
  return util::name_of(kResultStatusNames, status);
}

std::string to_string(RunStatus status) {
  return util::name_of(kRunStatusNames, status);
}

ResultStatus result_status_from_string(const std::string& text) {
  if (const auto status = util::value_of(kResultStatusNames, text))
    return *status;
  throw StorageError("unknown result status '" + text + "' in the database");
}

RunStatus run_status_from_string(const std::string& text) {
  if (const auto status = util::value_of(kRunStatusNames, text))
    return *status;
  throw StorageError("unknown run status '" + text + "' in the database");
}

}  // namespace benchctl::store
