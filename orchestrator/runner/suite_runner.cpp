#include "runner/suite_runner.h"

#include <fmt/format.h>

#include "runner/build_keeper.h"
#include "runner/run_config.h"
#include "runner/schedule.h"
#include "util/error.h"

namespace benchctl::runner {
namespace {

// One job's result as the run builds it, finished after its last unit or its first failure.
struct JobState {
  store::ResultRecord result;
  int units = 0;
  int measured = 0;
  bool finished = false;
};

// Measures one unit; a command's warm-up runs come before its first timed run.
ProcessOutcome measure_unit(const suite::Job& job, int unit, Measurer& measurer) {
  switch (job.kind) {
    case suite::EntryKind::benchmark:
      if (job.settings.measures().time && unit < *job.settings.processes)
        return measurer.measure_benchmark(job, unit);
      return measurer.count_instructions(job, unit);
    case suite::EntryKind::command:
      if (unit == 0) {
        for (int warmup = 0; warmup < *job.settings.warmup_runs; ++warmup) {
          ProcessOutcome outcome = measurer.time_command(job, warmup, true);
          if (!outcome.ok) {
            outcome.failure = "warm-up run: " + outcome.failure;
            return outcome;
          }
        }
      }
      return measurer.time_command(job, unit, false);
    case suite::EntryKind::file_size:
      return measurer.measure_file_size(job);
    case suite::EntryKind::load:
      return measurer.drive_load(job, unit);
  }
  throw Error("internal error: a job of no known kind");
}

// Every result is begun in the suite's order, whatever the schedule, so that reports list them
// in that order and a killed run shows what it never measured.
std::vector<JobState> begin_results(const suite::ResolvedSuite& resolved, store::Store& store,
                                    std::int64_t run_id) {
  std::vector<JobState> states(resolved.jobs.size());
  for (std::size_t i = 0; i < states.size(); ++i) {
    states[i].result = begin_result(store, run_id, resolved.jobs[i]);
    states[i].units = units_of(resolved.jobs[i]);
  }
  return states;
}

// Stores an interrupted run: what was not finished failed, the run interrupted.
void store_interruption(const std::vector<JobState>& states, store::Store& store,
                        std::int64_t run_id) {
  for (const JobState& s : states) {
    if (!s.finished)
      store.finish_result(s.result.id, store::ResultStatus::failed, "interrupted by the user", "");
  }
  store.finish_run(run_id, store::RunStatus::interrupted);
}

}  // namespace

RunOutcome run_suite(const suite::ResolvedSuite& resolved, store::Store& store, Measurer& measurer,
                     const RunOptions& options, ProgressListener* progress) {
  RunOutcome outcome;
  store::NewRun run = new_run(resolved, options.label, options.environment);
  run.shard = options.shard;
  keep_build(store, run.plugins);
  outcome.run_id = store.begin_run(run);
  outcome.benchmarks = static_cast<int>(resolved.jobs.size());
  const std::vector<Slot> slots =
      plan_schedule(resolved.jobs, resolved.schedule(), static_cast<std::uint64_t>(outcome.run_id));
  if (progress)
    progress->run_started(outcome.run_id, resolved.jobs.size(), slots.size());

  std::vector<JobState> states = begin_results(resolved, store, outcome.run_id);
  std::size_t finished_jobs = 0;
  auto finish = [&](std::size_t index) {
    JobState& state = states[index];
    store::ResultRecord& result = state.result;
    store.finish_result(result.id, result.status, result.reason, result.output_tail);
    state.finished = true;
    outcome.failed += result.status == store::ResultStatus::failed ? 1 : 0;
    ++finished_jobs;
    if (progress)
      progress->benchmark_finished(finished_jobs, states.size(), resolved.jobs[index], result);
  };

  try {
    for (std::size_t done = 0; done < slots.size(); ++done) {
      const Slot& slot = slots[done];
      const suite::Job& job = resolved.jobs[slot.job];
      JobState& state = states[slot.job];
      if (!state.finished) {
        store::ResultRecord& result = state.result;
        ProcessOutcome measured;
        try {
          measured = measure_unit(job, slot.unit, measurer);
        } catch (const Interrupted&) {
          store_interruption(states, store, outcome.run_id);
          throw;
        }
        if (measured.ok) {
          measured.record.conditions.position = static_cast<int>(done);
          store.add_process(result.id, measured.record);
          result.processes.push_back(std::move(measured.record));
        } else {
          result.status = store::ResultStatus::failed;
          result.reason = measured.failure;
          result.output_tail = measured.output_tail;
        }
        if (!measured.ok || ++state.measured == state.units)
          finish(slot.job);
      }
      if (progress)
        progress->unit_finished(done + 1, slots.size());
    }
  } catch (const StorageError& e) {
    // The database went away mid-run (a server stopped, a disk full): what was stored is whole,
    // each process in its own transaction; the run stays `running` until a later writer or
    // reader marks it incomplete.
    throw StorageError(fmt::format("{} (run {} stopped with {} of {} benchmarks stored)", e.what(),
                                   outcome.run_id, finished_jobs, states.size()));
  }
  store.finish_run(outcome.run_id, store::RunStatus::complete);
  return outcome;
}

}  // namespace benchctl::runner
