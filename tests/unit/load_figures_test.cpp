// A load test's figures from stored seconds built by hand: percentiles and their intervals, the
// success rate, a leak's slope, the recovery after a burst, the degradation, and the budgets
// judged on them.
#include "analysis/load_figures.h"
#include "analysis/analysed_run.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "analysis/budgets.h"
#include "load_records.h"

namespace benchctl::analysis {
namespace {

using testing::load_result;
using testing::SecondSpec;

store::LoadSpec spec(double duration) {
  store::LoadSpec load;
  load.operation = "test/op";
  load.rate = 1000;
  load.duration = duration;
  return load;
}

TEST(LoadFigures, APeriodicStallShowsInTheTailWithAnIntervalOverSeconds) {
  // Every second, 100 of 1,000 requests wait 100 ms: the p99 is the stall, the median is not.
  const auto result = load_result(spec(10), 10, [](int) { return SecondSpec{1000, 1e-3, 100}; });
  const auto f = compute_load_figures(result, 0.95);
  ASSERT_TRUE(f);
  ASSERT_TRUE(f->p50 && f->p99 && f->max && f->mean);
  EXPECT_NEAR(f->p50->value, 1e-3, 1e-5);
  EXPECT_NEAR(f->p99->value, 0.1, 1e-3);
  EXPECT_NEAR(f->max->value, 0.1, 1e-3);
  EXPECT_NEAR(f->mean->value, 0.9 * 1e-3 + 0.1 * 0.1, 1e-6);
  ASSERT_TRUE(f->p99->interval);
  EXPECT_LE(f->p99->interval->low, f->p99->value);
  EXPECT_GE(f->p99->interval->high, f->p99->value);
  EXPECT_DOUBLE_EQ(*f->success_rate, 1.0);
  EXPECT_EQ(f->steady_seconds, 10);
  ASSERT_TRUE(f->achieved_rate);
  EXPECT_DOUBLE_EQ(f->achieved_rate->value, 1000);
  EXPECT_EQ(f->seconds.size(), 10u);
  EXPECT_EQ(f->late, 0u) << "totals come from the stored LoadRecord";
}

TEST(LoadFigures, ALeakHasASlopeWhoseIntervalIsAboveZeroAndAFlatLineDoesNot) {
  // 1 MB a second with ±200 KB of wobble; the flat one wobbles the same.
  const auto wobble = [](int s) { return (s % 3 - 1) * 200e3; };
  const auto leak = load_result(spec(10), 10, [&](int s) {
    SecondSpec second;
    second.rss = 10e6 + 1e6 * s + wobble(s);
    return second;
  });
  const auto flat = load_result(spec(10), 10, [&](int s) {
    SecondSpec second;
    second.rss = 10e6 + wobble(s);
    return second;
  });
  const auto leaking = compute_load_figures(leak, 0.95)->rss_slope;
  const auto steady = compute_load_figures(flat, 0.95)->rss_slope;
  ASSERT_TRUE(leaking && steady);
  EXPECT_NEAR(leaking->value, 60e6, 3e6);
  EXPECT_GT(leaking->interval->low, 10e6);
  EXPECT_LT(steady->interval->low, 0);
  EXPECT_GT(steady->interval->high, 0);
}

TEST(LoadFigures, ABurstsRecoveryEndsWhenASecondsP99IsBackNearItsLevel) {
  store::LoadSpec burst = spec(12);
  burst.burst = store::LoadBurst{10000, 2, 3};  // seconds 3 and 4
  // Seconds 5 and 6 are still slow, 7 is back.
  const auto result = load_result(burst, 12, [](int s) {
    SecondSpec second;
    if (s >= 3 && s <= 6)
      second.latency = 0.3;
    return second;
  });
  const auto f = compute_load_figures(result, 0.95);
  ASSERT_TRUE(f && f->recovery_time);
  EXPECT_TRUE(f->recovered);
  EXPECT_DOUBLE_EQ(*f->recovery_time, 2);
  EXPECT_EQ(f->seconds[3].phase, LoadPhase::burst);
  EXPECT_EQ(f->seconds[5].phase, LoadPhase::recovery);
  EXPECT_EQ(f->seconds[7].phase, LoadPhase::steady);
  EXPECT_EQ(f->steady_seconds, 8) << "0-2 and 7-11";

  const auto never = load_result(burst, 12, [](int s) {
    SecondSpec second;
    if (s >= 3)
      second.latency = 0.3;
    return second;
  });
  const auto g = compute_load_figures(never, 0.95);
  ASSERT_TRUE(g && g->recovery_time);
  EXPECT_FALSE(g->recovered);
  EXPECT_DOUBLE_EQ(*g->recovery_time, 7) << "the rest of the run";
}

TEST(LoadFigures, DegradationComparesTheLastSteadyWindowWithTheFirst) {
  const auto result = load_result(spec(20), 20, [](int s) {
    SecondSpec second;
    second.latency = s < 10 ? 1e-3 : 1.1e-3;
    return second;
  });
  const auto f = compute_load_figures(result, 0.95);
  ASSERT_TRUE(f && f->degradation);
  EXPECT_NEAR(f->degradation->value, 0.10, 0.01);
  ASSERT_TRUE(f->degradation->interval);
  EXPECT_GT(f->degradation->interval->low, 0.05);
}

TEST(LoadFigures, TheRampUpAndTheDrainAreNotSteady) {
  store::LoadSpec ramped = spec(5);
  ramped.ramp_up = 3;
  ramped.warmup = 1;  // the ramp-up counts from the warm-up's start: seconds 0 and 1 ramp
  const auto f =
      compute_load_figures(load_result(ramped, 6, [](int) { return SecondSpec{}; }), 0.95);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->seconds[0].phase, LoadPhase::ramp_up);
  EXPECT_EQ(f->seconds[1].phase, LoadPhase::ramp_up);
  EXPECT_EQ(f->seconds[2].phase, LoadPhase::steady);
  EXPECT_EQ(f->seconds[5].phase, LoadPhase::drain);
  EXPECT_EQ(f->steady_seconds, 3);
}

TEST(LoadFigures, OnlyLoadResultsHaveThem) {
  store::ResultRecord benchmark;
  benchmark.kind = store::ResultKind::benchmark;
  EXPECT_FALSE(compute_load_figures(benchmark, 0.95));
}

TEST(LoadFigures, BudgetsAreJudgedOnThem) {
  store::LoadSpec burst = spec(12);
  burst.burst = store::LoadBurst{10000, 2, 3};
  store::RunRecord run;
  run.results.push_back(load_result(burst, 12, [](int s) {
    SecondSpec second;
    second.slow = 20;
    if (s >= 3)
      second.latency = 0.3;
    return second;
  }));
  store::LoadRecord& load = *run.results[0].processes[0].load;
  load.errors = 600;  // of 12,000
  auto budget = [](store::BudgetMetric metric, double limit) {
    store::BudgetSpec b;
    b.metric = metric;
    b.limit = limit;
    return b;
  };
  run.results[0].settings.budgets = {
      budget(store::BudgetMetric::min_success_rate, 0.99),
      budget(store::BudgetMetric::max_recovery_time, 60), budget(store::BudgetMetric::p99, 1),
      budget(store::BudgetMetric::max_rss_slope, 1e6), budget(store::BudgetMetric::max_rss, 100e6)};
  const std::vector<BudgetJudgment> judged = analyse_run(run).budgets;
  ASSERT_EQ(judged.size(), 5u);
  EXPECT_EQ(judged[0].status, BudgetStatus::beyond) << "95% succeeded";
  EXPECT_NEAR(*judged[0].value, 0.95, 1e-9);
  EXPECT_EQ(judged[1].status, BudgetStatus::beyond) << "never recovered, however long allowed";
  EXPECT_EQ(judged[2].status, BudgetStatus::inside);
  EXPECT_EQ(judged[3].status, BudgetStatus::inside) << "a flat resident set";
  EXPECT_EQ(judged[4].status, BudgetStatus::not_measured) << "no peak RSS stored";
}

}  // namespace
}  // namespace benchctl::analysis
