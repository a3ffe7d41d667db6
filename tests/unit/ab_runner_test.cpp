// Adaptive replication of an A/B through the Measurer seam: when benchmarks stop, and that stopping
// early does not inflate false alarms, with simulated builds and a real SQLite store.
#include "runner/ab_runner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "analysis/comparison.h"
#include "scratch_store.h"
#include "util/random.h"

namespace benchctl::runner {
namespace {

// A build's benchmark whose processes report `seconds` × `factor` × lognormal noise of `spread`
// (log units), plus the machine's drift, which both processes of a pair share.
class SimulatedBuilds final : public Measurer {
 public:
  SimulatedBuilds(const AbPlan& plan, double factor_b, double spread, std::uint64_t seed)
      : plan_(plan), factor_b_(factor_b), spread_(spread), random_(seed) {}

  ProcessOutcome measure_benchmark(const suite::Job& job, int process) override {
    const bool side_b =
        &job >= plan_.b.jobs.data() && &job < plan_.b.jobs.data() + plan_.b.jobs.size();
    if (process != last_pair_) {  // the machine drifts between pairs, not within one
      drift_ = 0.05 * normal();
      last_pair_ = process;
    }
    const double seconds =
        0.001 * (side_b ? factor_b_ : 1.0) * std::exp(drift_ + spread_ * normal());
    ++processes;
    ProcessOutcome outcome;
    outcome.ok = true;
    outcome.record.index = process;
    outcome.record.samples.push_back({0, 1000, 1000 * seconds, 1000 * seconds, {}, {}});
    return outcome;
  }
  ProcessOutcome count_instructions(const suite::Job&, int) override { return {}; }
  ProcessOutcome time_command(const suite::Job&, int, bool) override { return {}; }
  ProcessOutcome measure_file_size(const suite::Job&) override { return {}; }
  ProcessOutcome drive_load(const suite::Job&, int) override { return {}; }

  int processes = 0;

 private:
  double normal() {  // Box-Muller
    const double u = 1 - random_.uniform(), v = random_.uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
  }

  const AbPlan& plan_;
  double factor_b_, spread_;
  util::SplitMix64 random_;
  int last_pair_ = -1;
  double drift_ = 0;
};

class AbRunnerTest : public ::testing::Test {
 protected:
  // An A/B of `benchmarks` benchmarks whose B build takes `factor_b` times as long.
  analysis::RunComparison measure(int benchmarks, double factor_b, double spread,
                                  std::uint64_t seed, const suite::PolicySettings& policy,
                                  AbSettings settings = {}) {
    AbPlan plan;
    for (suite::ResolvedSuite* side : {&plan.a, &plan.b}) {
      side->suite.name = "simulated";
      side->suite.file = "simulated.yaml";
      for (int i = 0; i < benchmarks; ++i) {
        suite::Job job;
        job.name = "simulated/" + std::to_string(i);
        job.plugin = "simulated";
        job.kind = suite::EntryKind::benchmark;
        job.settings = suite::builtin_defaults();
        job.policy = policy;
        side->jobs.push_back(job);
      }
    }
    SimulatedBuilds builds(plan, factor_b, spread, seed);
    const AbOutcome outcome = run_ab(plan, *store_, builds, settings, nullptr);
    processes_ = builds.processes;
    return analysis::compare_pairs(store_->load_run(outcome.run_a), "a",
                                   store_->load_run(outcome.run_b), "b", std::nullopt);
  }

  testing::ScratchStore store_{"benchctl_ab_runner_test"};
  int processes_ = 0;
};

suite::PolicySettings policy(double warn, double noise_floor) {
  suite::PolicySettings p;
  p.alpha = 0.05;
  p.warn = warn;
  p.noise_floor = noise_floor;
  return p;
}

TEST(PlannedLooks, DoubleFromTheMinimumAndEndAtTheMaximum) {
  EXPECT_EQ(planned_looks(10, 240), (std::vector<int>{10, 20, 40, 80, 160, 240}));
  EXPECT_EQ(planned_looks(10, 15), (std::vector<int>{10, 15}));
  EXPECT_EQ(planned_looks(8, 8), (std::vector<int>{8}));
}

TEST_F(AbRunnerTest, ADecisiveBenchmarkStopsAtTheFirstLook) {
  const auto identical = measure(2, 1.0, 0.001, 1, policy(0.015, 0.01));
  EXPECT_EQ(processes_, 2 * 2 * 10);
  for (const auto& b : identical.benchmarks) {
    EXPECT_EQ(b.result.pairs, 10u);
    EXPECT_EQ(b.result.verdict, stats::Verdict::no_change);
  }
  const auto slower = measure(2, 1.2, 0.001, 2, policy(0.015, 0.01));
  EXPECT_EQ(processes_, 2 * 2 * 10);
  for (const auto& b : slower.benchmarks)
    EXPECT_EQ(b.result.verdict, stats::Verdict::regression);
}

TEST_F(AbRunnerTest, AnUndecidedBenchmarkIsMeasuredUpToTheMaximum) {
  // +1.2% at a 1.5% warn line and a 1% noise floor: neither beyond the floor nor within ± warn.
  AbSettings settings;
  settings.max_pairs = 40;
  const auto c = measure(1, 1.012, 0.02, 3, policy(0.015, 0.01), settings);
  ASSERT_EQ(c.benchmarks.size(), 1u);
  EXPECT_EQ(c.benchmarks[0].result.pairs, 40u);
  EXPECT_EQ(c.benchmarks[0].result.verdict, stats::Verdict::inconclusive);
}

// With no warn line and no noise floor every significant difference is flagged, so this counts
// the false alarms of the looks alone (one benchmark per A/B: no Benjamini-Hochberg across
// benchmarks to hide them). Three looks (10, 20, 40 pairs), each at alpha = 5%, flag about 13% of
// identical builds; spent over the looks, at most alpha (4.2% of 2,000 seeds when this was
// written). The bound leaves room for the sampling error of 1,000 A/Bs (0.7 points).
TEST_F(AbRunnerTest, StoppingEarlyKeepsFalseAlarmsOfIdenticalBuildsWithinAlpha) {
  int flagged = 0;
  AbSettings settings;
  settings.max_pairs = 40;
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    const auto c = measure(1, 1.0, 0.026, seed, policy(0, 0), settings);
    flagged += stats::moved(c.benchmarks.at(0).result.verdict) ? 1 : 0;
  }
  EXPECT_LE(flagged, 60);
}

// The pair spread measured with a CPU hog on the other core (2.6%): +2% is caught against a 1.5%
// warn line and a 1% noise floor within the default maximum of pairs.
TEST_F(AbRunnerTest, TwoPercentSlowerIsCaughtAtTheMeasuredPairSpread) {
  int caught = 0, compared = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    for (const auto& b : measure(10, 1.02, 0.026, seed, policy(0.015, 0.01)).benchmarks) {
      ++compared;
      caught += b.result.verdict == stats::Verdict::slower ? 1 : 0;
    }
  }
  EXPECT_EQ(compared, 40);
  EXPECT_GE(caught, 36);
}

}  // namespace
}  // namespace benchctl::runner
