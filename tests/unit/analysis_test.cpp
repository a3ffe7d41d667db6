#include <gtest/gtest.h>

#include <cmath>

#include "analysis/analysed_run.h"
#include "analysis/budgets.h"
#include "analysis/comparison.h"
#include "analysis/complexity.h"
#include "analysis/metrics.h"
#include "analysis/stability.h"
#include "util/error.h"

namespace benchctl::analysis {
namespace {

// A result whose processes each ran `repetitions` of `iterations` iterations at the given
// seconds per iteration.
store::ResultRecord result(const std::string& name,
                           const std::vector<std::vector<double>>& per_iteration,
                           nlohmann::json budgets = nlohmann::json::array()) {
  store::ResultRecord r;
  r.name = name;
  r.kind = store::ResultKind::benchmark;
  r.status = store::ResultStatus::ok;
  r.settings = nlohmann::json{{"budgets", budgets}}.get<store::ResultSettings>();
  int index = 0;
  for (const auto& process : per_iteration) {
    store::ProcessRecord p;
    p.index = index++;
    p.peak_rss_bytes = 10'000'000 + index;
    int repetition = 0;
    for (double seconds : process) {
      p.samples.push_back({repetition++,
                           1000,
                           seconds * 1000,
                           seconds * 1000,
                           {{"bytes_per_second", 1.0 / seconds}},
                           {}});
    }
    r.processes.push_back(p);
  }
  return r;
}

store::RunRecord run_of(std::int64_t id, std::vector<store::ResultRecord> results, int cores = 2) {
  store::RunRecord run;
  run.id = id;
  run.suite_name = "s";
  run.environment =
      nlohmann::json{{"cores", cores}, {"cpu_model", "EPYC"}}.get<store::Environment>();
  run.results = std::move(results);
  return run;
}

// Eight processes: enough for a lone regression among several benchmarks to survive the
// Benjamini-Hochberg correction at alpha 0.01 (5 would not: 2 x 2/252 > 0.01).
const std::vector<std::vector<double>> kSteady = {
    {1.00e-3, 1.01e-3},  {0.99e-3, 1.00e-3},   {1.02e-3, 1.00e-3}, {1.00e-3, 0.995e-3},
    {1.01e-3, 1.005e-3}, {0.998e-3, 1.003e-3}, {1.004e-3, 1.0e-3}, {0.997e-3, 1.008e-3}};

std::vector<std::vector<double>> scaled(double factor) {
  auto copy = kSteady;
  for (auto& process : copy) {
    for (double& v : process)
      v *= factor;
  }
  return copy;
}

TEST(Metrics, PerProcessMediansAndMinima) {
  const ResultMetrics m = compute_metrics(result("x", {{3, 1, 2}, {5, 4, 6}}));
  EXPECT_EQ(m.process_medians, (std::vector<double>{2, 5}));
  EXPECT_EQ(m.process_minima, (std::vector<double>{1, 4}));
  EXPECT_EQ(m.processes, 2);
  EXPECT_EQ(m.samples, 6);
  EXPECT_DOUBLE_EQ(m.time->median, 3.5);
  EXPECT_DOUBLE_EQ(*m.peak_rss_bytes, 10'000'002);
}

TEST(Budgets, InsideStraddlingAndBeyond) {
  const nlohmann::json budgets = {
      {{"metric", "median"}, {"limit", 2e-3}, {"hard", true}},    // far above: inside
      {{"metric", "median"}, {"limit", 0.5e-3}, {"hard", true}},  // far below: beyond
      {{"metric", "max"}, {"limit", 1.015e-3}, {"hard", true}},   // within the spread: straddles
      {{"metric", "max_rss"}, {"limit", 5e6}, {"hard", false}},   // exact and beyond, soft
      {{"metric", "min_throughput"},
       {"limit", 500.0},
       {"hard", true},
       {"bytes", true}},  // ~1000/s: inside
      {{"metric", "max_counter"}, {"counter", "bytes_per_second"}, {"limit", 10.0}, {"hard", true}},
  };
  const auto judged = analyse_run(run_of(1, {result("x", kSteady, budgets)})).budgets;
  ASSERT_EQ(judged.size(), 6u);
  EXPECT_EQ(judged[0].status, BudgetStatus::inside);
  EXPECT_FALSE(judged[0].fails());
  EXPECT_EQ(judged[1].status, BudgetStatus::beyond);
  EXPECT_TRUE(judged[1].fails());
  EXPECT_EQ(judged[2].status, BudgetStatus::straddles);
  EXPECT_LE(judged[2].interval->low, 1.015e-3);
  EXPECT_GE(judged[2].interval->high, 1.015e-3);
  EXPECT_FALSE(judged[2].fails()) << "a straddling budget warns";
  EXPECT_EQ(judged[3].status, BudgetStatus::beyond);
  EXPECT_FALSE(judged[3].interval);
  EXPECT_FALSE(judged[3].fails()) << "a soft budget only warns";
  EXPECT_EQ(judged[4].status, BudgetStatus::inside);
  EXPECT_TRUE(judged[4].higher_is_better);
  EXPECT_EQ(judged[5].counter, "bytes_per_second");
  EXPECT_EQ(judged[5].status, BudgetStatus::beyond);
  EXPECT_NEAR(*judged[5].value, 1000.0, 30.0);
}

TEST(Budgets, AFailedBenchmarkIsNotMeasuredAndFailsItsHardBudget) {
  auto failed = result("x", {}, {{{"metric", "p95"}, {"limit", 1.0}, {"hard", true}}});
  failed.status = store::ResultStatus::failed;
  const auto judged = analyse_run(run_of(1, {failed})).budgets;
  ASSERT_EQ(judged.size(), 1u);
  EXPECT_EQ(judged[0].status, BudgetStatus::not_measured);
  EXPECT_TRUE(judged[0].fails());
}

// A machine whose runs of identical code drift 1% apart, learnt from 60 stored runs of `names`.
NoiseModel quiet_machine(const std::vector<store::RunRecord>& current,
                         const std::vector<std::string>& names) {
  std::vector<store::HistoryPoint> history;
  for (const std::string& name : names) {
    for (int run = 0; run < 60; ++run) {
      store::HistoryPoint point;
      point.run_id = 100 + run;
      point.name = name;
      const double drift = 1.0 + 0.01 * ((run * 7) % 5 - 2) / 1.41;
      for (const auto& process : kSteady)
        point.real_medians.push_back(process[0] * drift);
      history.push_back(point);
    }
  }
  return NoiseModel::from_history(history, current, 1, 2);
}

TEST(Comparison, MatchesByNameAndReportsEverythingOnOneSideOrFailed) {
  auto broken = result("broken", kSteady);
  broken.status = store::ResultStatus::failed;
  const auto before = run_of(1, {result("same", kSteady), result("slow", kSteady),
                                 result("gone", kSteady), result("broken", kSteady)});
  const auto after = run_of(
      2, {result("same", kSteady), result("slow", scaled(1.3)), result("new", kSteady), broken}, 4);
  const NoiseModel noise = quiet_machine({after}, {"same", "slow"});
  const RunComparison c =
      compare_runs({before}, "phase10-final", {after}, "run 2", std::nullopt, noise);
  ASSERT_EQ(c.benchmarks.size(), 5u);
  EXPECT_EQ(c.benchmarks[0].name, "slow") << "regressions first";
  EXPECT_EQ(c.benchmarks[0].result.verdict, stats::Verdict::regression);
  EXPECT_NEAR(c.benchmarks[0].result.ratio, 1.3, 1e-9);
  EXPECT_EQ(c.benchmarks[1].name, "same");
  EXPECT_EQ(c.benchmarks[1].result.verdict, stats::Verdict::no_change);
  EXPECT_EQ(c.count(Standing::only_in_baseline), 1);
  EXPECT_EQ(c.count(Standing::only_in_current), 1);
  EXPECT_EQ(c.count(Standing::failed_in_current), 1);
  ASSERT_EQ(c.environment_differences.size(), 1u);
  EXPECT_EQ(c.environment_differences[0], "cores: 2 → 4");
  EXPECT_EQ(c.baseline.reference, "phase10-final");

  const RunComparison filtered = compare_runs({before}, "a", {after}, "b", std::regex("^s"), noise);
  EXPECT_EQ(filtered.benchmarks.size(), 2u);

  // Measured in different tuning states (benchctl doctor --tune between them): said so.
  auto tuned_before = before;
  auto tuned_after = after;
  tuned_before.environment.tuning =
      nlohmann::json{{"governor", "powersave"}, {"isolated", ""}}.get<store::TuningState>();
  tuned_after.environment.tuning =
      nlohmann::json{{"governor", "performance"}, {"isolated", ""}}.get<store::TuningState>();
  const RunComparison tuned =
      compare_runs({tuned_before}, "a", {tuned_after}, "b", std::nullopt, noise);
  ASSERT_EQ(tuned.environment_differences.size(), 2u);
  EXPECT_EQ(tuned.environment_differences[1], "tuning, governor: powersave → performance");
}

TEST(Comparison, AWholeRunShiftIsNamedAndConfirmedByTheCalibrationBenchmark) {
  std::vector<store::ResultRecord> before_results, after_results;
  for (const char* name : {"a", "b", "c", "d", "e", "f", "calibration/spin/1000"}) {
    before_results.push_back(result(name, kSteady));
    after_results.push_back(result(name, scaled(0.88)));
  }
  after_results[5] = result("f", scaled(1.02));  // one benchmark went the other way
  const auto before = run_of(1, before_results);
  const auto after = run_of(2, after_results);
  const RunComparison c = compare_runs({before}, "a", {after}, "b", std::nullopt, NoiseModel());
  ASSERT_TRUE(c.shift);
  EXPECT_EQ(c.shift->compared, 6) << "the calibration benchmark is not counted";
  EXPECT_EQ(c.shift->agreeing, 5);
  EXPECT_NEAR(c.shift->median_ratio, 0.88, 1e-9);
  EXPECT_EQ(c.shift->calibration, "calibration/spin/1000");
  EXPECT_TRUE(c.shift->confirmed());

  // Without agreement, or with too few benchmarks, nothing is said.
  auto mixed = after_results;
  mixed[0] = result("a", scaled(1.12));
  mixed[1] = result("b", scaled(1.12));
  EXPECT_FALSE(
      compare_runs({before}, "a", {run_of(2, mixed)}, "b", std::nullopt, NoiseModel()).shift);
  EXPECT_FALSE(compare_runs({run_of(1, {before_results[0]})}, "a", {run_of(2, {after_results[0]})},
                            "b", std::nullopt, NoiseModel())
                   .shift);
  // The calibration benchmark did not move: the code is as likely as the machine.
  auto unconfirmed = after_results;
  unconfirmed[6] = result("calibration/spin/1000", kSteady);
  const auto other =
      compare_runs({before}, "a", {run_of(2, unconfirmed)}, "b", std::nullopt, NoiseModel());
  ASSERT_TRUE(other.shift);
  EXPECT_FALSE(other.shift->confirmed());
}

TEST(Comparison, SeveralRunsASideAreOneSide) {
  const auto first = run_of(1, {result("x", kSteady)});
  const auto second = run_of(2, {result("x", scaled(1.01))});
  const auto third = run_of(3, {result("x", scaled(1.3))});
  auto failed = result("x", kSteady);
  failed.status = store::ResultStatus::failed;
  const auto fourth = run_of(4, {failed});
  const RunComparison c =
      compare_runs({first, second}, "a", {third, fourth}, "b", std::nullopt, NoiseModel());
  ASSERT_EQ(c.benchmarks.size(), 1u);
  EXPECT_EQ(c.baseline.run_ids, (std::vector<std::int64_t>{1, 2}));
  const auto& r = c.benchmarks[0].result;
  EXPECT_EQ(r.before_runs, 2u);
  EXPECT_EQ(r.after_runs, 1u) << "a run where it failed does not count";
  EXPECT_EQ(r.before_count, 16u);
  EXPECT_NEAR(r.ratio, 1.3 / std::sqrt(1.01), 1e-3);
}

// A result that counted instructions too: `counts` per process, 1,000 iterations a repetition.
store::ResultRecord counted(const std::string& name, double seconds, double counts,
                            double ll_misses = -1) {
  store::ResultRecord r = result(name, scaled(seconds / 1e-3));
  for (int p = 0; p < 3; ++p) {
    store::ProcessRecord process;
    process.index = 100 + p;
    store::Sample sample{0, 1000, std::nullopt, std::nullopt, {}, std::llround(counts * 1000)};
    if (ll_misses >= 0)
      sample.counters["ll_misses"] = ll_misses * 1000;
    process.samples.push_back(sample);
    r.processes.push_back(process);
  }
  return r;
}

TEST(Comparison, TimeAndInstructionsAreReadTogether) {
  const auto before = run_of(1, {counted("both", 1e-3, 5000), counted("time", 1e-3, 5000, 10),
                                 counted("counts", 1e-3, 5000), counted("quiet", 1e-3, 5000, 10)});
  const auto after = run_of(2, {counted("both", 1.3e-3, 6500), counted("time", 1.3e-3, 5000, 10),
                                counted("counts", 1e-3, 5100), counted("quiet", 1e-3, 5000, 13)});
  const NoiseModel noise = quiet_machine({after}, {"both", "time", "counts", "quiet"});
  const RunComparison c = compare_runs({before}, "a", {after}, "b", std::nullopt, noise);
  std::map<std::string, const BenchmarkComparison*> by_name;
  for (const auto& b : c.benchmarks)
    by_name[b.name] = &b;
  ASSERT_TRUE(by_name.at("both")->instructions);
  EXPECT_EQ(by_name.at("both")->instructions->verdict, stats::Verdict::regression);
  EXPECT_EQ(by_name.at("both")->reading, "a code change: time and instructions moved together");
  EXPECT_EQ(by_name.at("time")->instructions->verdict, stats::Verdict::no_change);
  EXPECT_EQ(by_name.at("time")->reading,
            "only time moved, instructions and cache misses did not: likely the machine");
  EXPECT_EQ(by_name.at("counts")->instructions->verdict, stats::Verdict::slower) << "+2%";
  EXPECT_EQ(by_name.at("counts")->reading,
            "only instructions moved: a change this machine's noise hides in time");
  EXPECT_EQ(by_name.at("quiet")->reading, "") << "nothing moved";
}

TEST(Comparison, FileSizesAreExact) {
  auto size = [](double bytes) {
    store::ResultRecord r;
    r.name = "binary/size";
    r.kind = store::ResultKind::file_size;
    r.status = store::ResultStatus::ok;
    r.processes.push_back({0,
                           std::nullopt,
                           {{0, 1, std::nullopt, std::nullopt, {{"size_bytes", bytes}}, {}}},
                           {},
                           {},
                           {},
                           {},
                           {}});
    return r;
  };
  const RunComparison grew = compare_runs({run_of(1, {size(1e6)})}, "a", {run_of(2, {size(1.2e6)})},
                                          "b", std::nullopt, NoiseModel());
  EXPECT_EQ(grew.benchmarks[0].unit, "size");
  EXPECT_EQ(grew.benchmarks[0].result.verdict, stats::Verdict::regression);
  const RunComparison same = compare_runs({run_of(1, {size(1e6)})}, "a", {run_of(2, {size(1e6)})},
                                          "b", std::nullopt, NoiseModel());
  EXPECT_EQ(same.benchmarks[0].result.verdict, stats::Verdict::no_change);
}

TEST(Stability, AssessesTheSpreadAcrossRuns) {
  const auto a =
      run_of(1, {result("steady", {{1.0}}), result("noisy", {{1.0}}), result("partial", {{1.0}})});
  const auto b = run_of(2, {result("steady", {{1.001}}), result("noisy", {{1.3}})});
  const Stability s = analyse_stability({a, b});
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.rows[0].assessment, Assessment::very_stable);
  EXPECT_EQ(s.rows[1].assessment, Assessment::unstable);
  EXPECT_NEAR(s.rows[1].mean, 1.15, 1e-12);
  EXPECT_EQ(s.rows[2].assessment, Assessment::incomplete);
  EXPECT_FALSE(s.rows[2].medians[1]);
}

}  // namespace
}  // namespace benchctl::analysis

namespace benchctl::analysis {
namespace {

TEST(Complexity, PicksTheModelTheSizesFollow) {
  const std::vector<double> sizes = {10, 100, 1000, 10000};
  auto points = [&](double (*f)(double)) {
    std::vector<std::pair<double, double>> p;
    for (double n : sizes)
      p.emplace_back(n, f(n));
    return p;
  };
  EXPECT_EQ(fit_complexity(points([](double n) { return 3e-9 * n; })).model, "O(N)");
  EXPECT_EQ(fit_complexity(points([](double) { return 5e-6; })).model, "O(1)");
  EXPECT_EQ(fit_complexity(points([](double n) { return 2e-7 * std::log2(n); })).model, "O(log N)");
  EXPECT_EQ(fit_complexity(points([](double n) { return 1e-9 * n * n; })).model, "O(N^2)");
  const ComplexityFit linear = fit_complexity(points([](double n) { return 3e-9 * n; }));
  EXPECT_NEAR(linear.coefficient, 3e-9, 1e-15);
  EXPECT_NEAR(linear.rms, 0, 1e-9);
  EXPECT_THROW(fit_complexity({{1, 1}, {2, 2}}), Error);
}

TEST(Complexity, FitsEveryFamilyWithThreeSizesInARun) {
  const auto run =
      run_of(1, {result("search/1000", {{1e-3}}), result("search/10000", {{1e-2}}),
                 result("search/100000", {{1e-1}}), result("hooks/0", {{1.0}}),
                 result("hooks/1", {{1.0}}), result("hooks/5", {{1.0}}), result("alone", {{1.0}})});
  const auto fits = fit_run_complexity(run);
  ASSERT_EQ(fits.size(), 1u) << "hooks/0 is a count, not a size: two sizes left";
  EXPECT_EQ(fits[0].family, "search");
  EXPECT_EQ(fits[0].model, "O(N)");
}

}  // namespace
}  // namespace benchctl::analysis
