// The run loop through its Measurer seam: schedules, storing as it goes, failures and interruption,
// with a fake measurer and a real SQLite store, without starting a process.
#include "runner/suite_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <set>

#include "runner/schedule.h"
#include "scratch_store.h"
#include "util/error.h"

namespace benchctl::runner {
namespace {

suite::Job benchmark_job(const std::string& name, int processes) {
  suite::Job job;
  job.name = name;
  job.kind = suite::EntryKind::benchmark;
  job.plugin = "fake";
  job.settings = suite::builtin_defaults();
  job.settings.processes = processes;
  return job;
}

suite::Job command_job(const std::string& name, int runs, int warmup_runs) {
  suite::Job job;
  job.name = name;
  job.kind = suite::EntryKind::command;
  job.command = {"/bin/true"};
  job.settings = suite::builtin_defaults();
  job.settings.runs = runs;
  job.settings.warmup_runs = warmup_runs;
  return job;
}

suite::Job file_job(const std::string& name) {
  suite::Job job;
  job.name = name;
  job.kind = suite::EntryKind::file_size;
  job.file = "/bin/true";
  job.settings = suite::builtin_defaults();
  return job;
}

struct Call {
  std::string job;
  int unit = 0;
  bool warmup = false;
  bool counted = false;  // instructions under callgrind
  bool operator==(const Call&) const = default;
};

// Answers every unit with one sample; records the calls; `before_each` runs first (it may throw
// or look at the store); a unit named in `failing` fails.
class FakeMeasurer final : public Measurer {
 public:
  ProcessOutcome measure_benchmark(const suite::Job& job, int process) override {
    return answer({job.name, process});
  }
  ProcessOutcome time_command(const suite::Job& job, int run, bool warmup) override {
    return answer({job.name, run, warmup});
  }
  ProcessOutcome measure_file_size(const suite::Job& job) override { return answer({job.name, 0}); }
  ProcessOutcome count_instructions(const suite::Job& job, int process) override {
    return answer({job.name, process, false, true});
  }
  ProcessOutcome drive_load(const suite::Job& job, int process) override {
    return answer({job.name, process});
  }

  std::vector<Call> calls;
  std::function<void(const Call&)> before_each;
  std::set<std::pair<std::string, int>> failing;

 private:
  ProcessOutcome answer(const Call& call) {
    if (before_each)
      before_each(call);
    calls.push_back(call);
    ProcessOutcome outcome;
    outcome.record.index = call.unit;
    if (failing.contains({call.job, call.unit})) {
      outcome.failure = "killed by SIGSEGV (Segmentation fault)";
      outcome.output_tail = "last words";
      return outcome;
    }
    outcome.ok = true;
    outcome.record.samples.push_back({0, 100, 0.001 * (call.unit + 1), 0.001, {}, {}});
    return outcome;
  }
};

class SuiteRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    resolved_.suite.name = "fake";
    resolved_.suite.file = "fake.yaml";
    resolved_.jobs = {benchmark_job("fake/a", 3), benchmark_job("fake/b", 3),
                      command_job("startup/true", 2, 1), file_job("binary/size"),
                      benchmark_job("fake/c", 4)};
  }
  RunOutcome run(suite::Schedule schedule) {
    resolved_.suite.schedule = schedule;
    return run_suite(resolved_, *store_, measurer_,
                     {"label", nlohmann::json{{"host", "test"}}.get<store::Environment>(), {}},
                     nullptr);
  }

  testing::ScratchStore store_{"benchctl_runner_test"};
  suite::ResolvedSuite resolved_;
  FakeMeasurer measurer_;
};

TEST_F(SuiteRunnerTest, InterleavedRunsUnitKOfEveryJobBeforeUnitKPlusOneOfAny) {
  const RunOutcome outcome = run(suite::Schedule::interleaved);
  EXPECT_EQ(outcome.failed, 0);
  // 3 + 3 + (1 warm-up + 2) + 1 + 4 calls.
  ASSERT_EQ(measurer_.calls.size(), 14u);
  std::vector<int> rounds;
  for (const Call& call : measurer_.calls)
    rounds.push_back(call.unit);
  EXPECT_TRUE(std::is_sorted(rounds.begin(), rounds.end())) << "units must come round by round";
  std::set<std::string> first_round;
  for (std::size_t i = 0; i < 6; ++i)
    first_round.insert(measurer_.calls[i].job);
  EXPECT_EQ(first_round.size(), 5u) << "round 0 measures every job once (and a warm-up)";
  // The command's warm-up run comes right before its first timed run.
  const auto warmup =
      std::find(measurer_.calls.begin(), measurer_.calls.end(), Call{"startup/true", 0, true});
  ASSERT_NE(warmup, measurer_.calls.end());
  EXPECT_EQ(*std::next(warmup), (Call{"startup/true", 0}));

  const store::RunRecord stored = store_->load_run(outcome.run_id);
  EXPECT_EQ(stored.status, store::RunStatus::complete);
  ASSERT_EQ(stored.results.size(), 5u);
  // Results are listed in the suite's order whatever the schedule.
  EXPECT_EQ(stored.results[0].name, "fake/a");
  EXPECT_EQ(stored.results[4].name, "fake/c");
  EXPECT_EQ(stored.results[4].processes.size(), 4u);
  EXPECT_EQ(stored.results[2].processes.size(), 2u) << "warm-up runs are not stored";
  EXPECT_EQ(stored.results[3].processes.size(), 1u);
}

TEST_F(SuiteRunnerTest, TheInterleavedOrderIsSeededByTheRun) {
  const auto first = plan_schedule(resolved_.jobs, suite::Schedule::interleaved, 1);
  EXPECT_EQ(first.size(), 13u);
  EXPECT_EQ(plan_schedule(resolved_.jobs, suite::Schedule::interleaved, 1).size(), first.size());
  bool differs = false;
  for (std::uint64_t seed = 2; seed < 10 && !differs; ++seed) {
    const auto other = plan_schedule(resolved_.jobs, suite::Schedule::interleaved, seed);
    for (std::size_t i = 0; i < other.size(); ++i)
      differs |= other[i].job != first[i].job;
  }
  EXPECT_TRUE(differs) << "the order within a round changes from run to run";
  const auto again = plan_schedule(resolved_.jobs, suite::Schedule::interleaved, 1);
  for (std::size_t i = 0; i < again.size(); ++i)
    EXPECT_EQ(again[i].job, first[i].job) << "the same seed gives the same order";
}

TEST_F(SuiteRunnerTest, SequentialMeasuresEveryUnitOfAJobBeforeTheNext) {
  run(suite::Schedule::sequential);
  const std::vector<Call> expected = {{"fake/a", 0},
                                      {"fake/a", 1},
                                      {"fake/a", 2},
                                      {"fake/b", 0},
                                      {"fake/b", 1},
                                      {"fake/b", 2},
                                      {"startup/true", 0, true},
                                      {"startup/true", 0},
                                      {"startup/true", 1},
                                      {"binary/size", 0},
                                      {"fake/c", 0},
                                      {"fake/c", 1},
                                      {"fake/c", 2},
                                      {"fake/c", 3}};
  EXPECT_EQ(measurer_.calls, expected);
}

TEST_F(SuiteRunnerTest, CountingInstructionsAddsProcessesUnderCallgrindAfterTheTimedOnes) {
  resolved_.jobs = {benchmark_job("fake/both", 4), benchmark_job("fake/counted", 5)};
  resolved_.jobs[0].settings.measurement = suite::Measures{true, true};
  resolved_.jobs[1].settings.measurement = suite::Measures{false, true};
  run(suite::Schedule::sequential);
  const std::vector<Call> expected = {{"fake/both", 0},
                                      {"fake/both", 1},
                                      {"fake/both", 2},
                                      {"fake/both", 3},
                                      {"fake/both", 4, false, true},
                                      {"fake/both", 5, false, true},
                                      {"fake/both", 6, false, true},
                                      {"fake/counted", 0, false, true},
                                      {"fake/counted", 1, false, true},
                                      {"fake/counted", 2, false, true}};
  EXPECT_EQ(measurer_.calls, expected) << "three processes count: they repeat exactly";
  const store::RunRecord stored = store_->load_run(*store_->latest_run_id());
  EXPECT_EQ(stored.results[0].processes.size(), 7u);
  EXPECT_TRUE(stored.results[0].settings.measure.measures().instructions);
}

TEST_F(SuiteRunnerTest, EachProcessIsStoredBeforeTheNextIsMeasured) {
  std::size_t checked = 0;
  measurer_.before_each = [&](const Call&) {
    // Another connection, as a reader of the database would see it.
    auto reader = store::open_sqlite_store(store_.path());
    const auto latest = reader->latest_run_id();
    ASSERT_TRUE(latest.has_value());
    std::size_t stored = 0;
    for (const auto& result : reader->load_run(*latest).results)
      stored += result.processes.size();
    // Every earlier call but the command's warm-up stored one process.
    const auto measured = std::count_if(measurer_.calls.begin(), measurer_.calls.end(),
                                        [](const Call& call) { return !call.warmup; });
    EXPECT_EQ(stored, static_cast<std::size_t>(measured));
    ++checked;
  };
  run(suite::Schedule::sequential);
  EXPECT_EQ(checked, 14u);
}

TEST_F(SuiteRunnerTest, AFailedProcessEndsItsBenchmarkAndTheRunGoesOn) {
  measurer_.failing = {{"fake/b", 1}};
  const RunOutcome outcome = run(suite::Schedule::interleaved);
  EXPECT_EQ(outcome.failed, 1);
  EXPECT_EQ(std::count(measurer_.calls.begin(), measurer_.calls.end(), Call{"fake/b", 2}), 0)
      << "no process after the failed one";
  const store::RunRecord stored = store_->load_run(outcome.run_id);
  EXPECT_EQ(stored.status, store::RunStatus::complete);
  const store::ResultRecord& failed = stored.results[1];
  EXPECT_EQ(failed.status, store::ResultStatus::failed);
  EXPECT_EQ(failed.reason, "killed by SIGSEGV (Segmentation fault)");
  EXPECT_EQ(failed.output_tail, "last words");
  EXPECT_EQ(failed.processes.size(), 1u) << "the process before the failure is kept";
  EXPECT_EQ(stored.results[4].status, store::ResultStatus::ok);
  EXPECT_EQ(stored.results[4].processes.size(), 4u);
}

TEST_F(SuiteRunnerTest, AFailedWarmupRunFailsTheCommand) {
  measurer_.failing = {{"startup/true", 0}};  // the warm-up run has index 0 too
  const RunOutcome outcome = run(suite::Schedule::sequential);
  const store::RunRecord stored = store_->load_run(outcome.run_id);
  const store::ResultRecord& command = stored.results[2];
  EXPECT_EQ(command.status, store::ResultStatus::failed);
  EXPECT_EQ(command.reason, "warm-up run: killed by SIGSEGV (Segmentation fault)");
  EXPECT_TRUE(command.processes.empty());
}

TEST_F(SuiteRunnerTest, AnInterruptionStoresTheRunAsInterruptedWithWhatWasMeasured) {
  measurer_.before_each = [&](const Call&) {
    if (measurer_.calls.size() == 7)
      throw Interrupted("interrupted");
  };
  EXPECT_THROW(run(suite::Schedule::interleaved), Interrupted);
  const store::RunRecord stored = store_->load_run(*store_->latest_run_id());
  EXPECT_EQ(stored.status, store::RunStatus::interrupted);
  std::size_t processes = 0;
  for (const auto& result : stored.results) {
    processes += result.processes.size();
    if (result.name == "binary/size" && !result.processes.empty()) {
      EXPECT_EQ(result.status, store::ResultStatus::ok) << "finished before the interruption";
      continue;
    }
    EXPECT_EQ(result.status, store::ResultStatus::failed) << result.name;
    EXPECT_EQ(result.reason, "interrupted by the user");
  }
  EXPECT_GE(processes, 6u) << "what was measured before the interruption is kept";
}

}  // namespace
}  // namespace benchctl::runner
