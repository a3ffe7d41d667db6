#include "runner/command_process.h"

#include <fmt/format.h>
#include <cstring>
#include <sstream>

#include "util/error.h"
#include "util/subprocess.h"

namespace benchctl::runner {

namespace fs = std::filesystem;

ProcessOutcome time_command(const suite::Job& job, int run_index, const fs::path& rusage_helper) {
  util::ChildSpec spec;
  spec.argv = {rusage_helper.string()};
  spec.argv.insert(spec.argv.end(), job.command.begin(), job.command.end());
  spec.result_pipe = true;
  spec.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(*job.settings.timeout));

  std::string report;
  const util::ChildExit exit = util::run_child(spec, [&](std::string_view line) { report = line; });
  ProcessOutcome outcome;
  outcome.record.index = run_index;
  outcome.output_tail = util::last_lines(exit.output_tail, 20);
  if (!exit.succeeded()) {
    outcome.failure = exit.describe();
    return outcome;
  }
  std::istringstream fields(report);
  if (report.starts_with("exec-error")) {
    std::string word;
    int error = 0;
    fields >> word >> error;
    outcome.failure = fmt::format("cannot run '{}': {}", job.command.front(), std::strerror(error));
    return outcome;
  }
  int exit_code = 0, signal = 0;
  long long wall_ns = 0, user_ns = 0, sys_ns = 0, maxrss_kb = 0;
  if (!(fields >> exit_code >> signal >> wall_ns >> user_ns >> sys_ns >> maxrss_kb)) {
    outcome.failure = fmt::format("benchctl-rusage reported '{}'", report);
    return outcome;
  }
  if (signal != 0) {
    outcome.failure = "the command was killed by " + util::describe_signal(signal);
    return outcome;
  }
  if (exit_code != 0) {
    outcome.failure = fmt::format("the command exited with status {}", exit_code);
    return outcome;
  }
  store::Sample sample;
  sample.real_seconds = static_cast<double>(wall_ns) / 1e9;
  sample.cpu_seconds = static_cast<double>(user_ns + sys_ns) / 1e9;
  sample.counters["user_seconds"] = static_cast<double>(user_ns) / 1e9;
  sample.counters["sys_seconds"] = static_cast<double>(sys_ns) / 1e9;
  outcome.record.samples.push_back(std::move(sample));
  outcome.record.peak_rss_bytes = maxrss_kb * 1024;
  outcome.ok = true;
  return outcome;
}

ProcessOutcome measure_file_size(const suite::Job& job) {
  ProcessOutcome outcome;
  std::error_code error;
  const auto size = fs::file_size(job.file, error);
  if (error) {
    outcome.failure = fmt::format("cannot read the size of {}: {}", job.file, error.message());
    return outcome;
  }
  store::Sample sample;
  sample.counters["size_bytes"] = static_cast<double>(size);
  outcome.record.samples.push_back(std::move(sample));
  outcome.ok = true;
  return outcome;
}

}  // namespace benchctl::runner
