#include "workflow/measuring.h"

#include <unistd.h>

#include <fmt/format.h>
#include <iostream>

#include "analysis/metrics.h"
#include "runner/affinity.h"
#include "runner/environment.h"
#include "runner/measurer.h"
#include "util/subprocess.h"
#include "util/units.h"

namespace benchctl::workflow {
namespace {

// One line per benchmark on stderr, for a person watching a terminal, and a count of measured
// processes kept up to date on the line below them.
class TerminalProgress final : public runner::ProgressListener {
 public:
  void run_started(std::int64_t run_id, std::size_t benchmarks, std::size_t units) override {
    std::cerr << fmt::format("run {}: measuring {} benchmarks in {} processes\n", run_id,
                             benchmarks, units);
  }
  void unit_finished(std::size_t done, std::size_t total) override {
    std::cerr << fmt::format("\r\033[K{}/{} processes", done, total) << std::flush;
  }
  void benchmark_finished(std::size_t finished, std::size_t total, const suite::Job& job,
                          const store::ResultRecord& result) override {
    const auto metrics = analysis::compute_metrics(result);
    std::string figure = "-";
    if (metrics.size_bytes)
      figure = util::format_size(*metrics.size_bytes);
    if (metrics.time)
      figure = util::format_duration(metrics.time->median);
    const std::string status =
        result.status == store::ResultStatus::ok ? "ok" : "FAILED: " + result.reason;
    const int width = static_cast<int>(std::to_string(total).size());
    std::cerr << fmt::format("\r\033[K[{:>{}}/{}] {}  {}  {}\n", finished, width, total, job.name,
                             figure, status);
  }
};

}  // namespace

runner::RunOutcome measure_suite(const suite::ResolvedSuite& resolved, store::Store& store,
                                 const std::string& database, const RunIdentity& identity) {
  const std::optional<MeasuredCommit>& commit = identity.commit;
  const std::optional<store::GroupShard>& shard = identity.shard;
  TerminalProgress progress;
  runner::ProcessMeasurer measurer(util::current_executable());
  runner::keep_off_worker_cpus(resolved.jobs);
  store::Environment environment =
      runner::capture_environment(suite::measures_instructions(resolved));
  if (identity.machine_class)
    environment.machine_class = identity.machine_class;
  if (identity.machine_class)
    environment.machine_class = identity.machine_class;
  if (commit) {
    environment.git_commit = commit->hash;
    environment.git_dirty.reset();  // the current directory's, not the commit's checkout's
    if (commit->uncommitted_changes)
      environment.git_dirty = true;
  }
  const runner::RunOutcome outcome =
      runner::run_suite(resolved, store, measurer, {identity.label, environment, shard},
                        isatty(STDERR_FILENO) ? &progress : nullptr);
  if (shard) {
    std::cerr << fmt::format("Stored as run {} (shard {} of group {}) in {}\n", outcome.run_id,
                             shard->index, shard->group, database);
  } else {
    std::cerr << fmt::format("Stored as run {} in {}\n", outcome.run_id, database);
  }
  return outcome;
}

runner::AbOutcome measure_ab(const runner::AbPlan& plan, store::Store& store,
                             const std::string& database, runner::AbSettings settings) {
  TerminalProgress progress;
  runner::ProcessMeasurer measurer(util::current_executable());
  runner::keep_off_worker_cpus(plan.a.jobs);
  settings.environment = runner::capture_environment();
  const runner::AbOutcome outcome =
      runner::run_ab(plan, store, measurer, settings, isatty(STDERR_FILENO) ? &progress : nullptr);
  std::cerr << fmt::format("Stored as runs {} ({}) and {} ({}) in {}\n", outcome.run_a,
                           settings.label_a, outcome.run_b, settings.label_b, database);
  return outcome;
}

}  // namespace benchctl::workflow
