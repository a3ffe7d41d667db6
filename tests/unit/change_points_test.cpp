// Change points (stats/change_points.h) and histories (analysis/history.h) on seeded synthetic
// series: nightly run figures with a known level, steps of known size and place, lone outliers.
#include "stats/change_points.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analysis/history.h"
#include "stats/multiple_testing.h"
#include "util/error.h"

namespace benchctl {
namespace {

// Run-to-run spread of nightly figures: the successive-difference spread measured between runs
// of identical code on the project's 2-core VM (2.3-2.7%), and that of a quieter machine or of
// more processes a night.
constexpr double kNightlySd = 0.025;
constexpr double kQuietSd = 0.015;
constexpr int kSeries = 300;

class Nights {
 public:
  explicit Nights(std::uint64_t seed) : random_(seed) {}
  // `count` nights around `level`, each with the run-to-run spread `sd` (log units).
  std::vector<double> steady(int count, double level = 1e-6, double sd = kNightlySd) {
    std::vector<double> nights;
    for (int i = 0; i < count; ++i)
      nights.push_back(level * std::exp(normal_(random_) * sd));
    return nights;
  }
  // As steady, times `ratio` from night `at` on.
  std::vector<double> step(int count, int at, double ratio, double sd = kNightlySd) {
    std::vector<double> nights = steady(count, 1e-6, sd);
    for (int i = at; i < count; ++i)
      nights[i] *= ratio;
    return nights;
  }

 private:
  std::mt19937_64 random_;
  std::normal_distribution<double> normal_;
};

// The change points of one series as a history reports them: candidates corrected together,
// significant at 1%, at least the 1% noise floor in size.
std::vector<stats::ChangePoint> reported(const std::vector<double>& nights) {
  const auto candidates = stats::change_point_candidates(nights, {});
  std::vector<double> p_values;
  for (const auto& c : candidates)
    p_values.push_back(c.p_value);
  const auto adjusted = stats::benjamini_hochberg(p_values);
  std::vector<stats::ChangePoint> kept;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (adjusted[i] < 0.01 && std::abs(candidates[i].ratio - 1) >= 0.01)
      kept.push_back(candidates[i]);
  }
  return kept;
}

TEST(ChangePoints, BestSplitOfANoiselessStepIsTheStep) {
  std::vector<double> nights(30, 1.0);
  for (int i = 20; i < 30; ++i)
    nights[i] = 1.05;
  EXPECT_EQ(stats::best_split(nights, 3), 20u);
  EXPECT_FALSE(stats::best_split({1, 2, 3, 4, 5}, 3)) << "two sides of three need six points";
}

TEST(ChangePoints, AFivePercentStepAtNightTwentyIsFoundThereWithItsSize) {
  Nights nights(1);
  int found_at_step = 0, elsewhere = 0, interval_holds = 0;
  for (int s = 0; s < kSeries; ++s) {
    const auto changes = reported(nights.step(30, 20, 1.05, kQuietSd));
    for (const auto& c : changes) {
      if (c.index >= 19 && c.index <= 21 && c.ratio > 1) {
        ++found_at_step;
        interval_holds += c.interval.low <= 1.05 && 1.05 <= c.interval.high;
      } else {
        ++elsewhere;
      }
    }
  }
  // With this seed: 97% or more found at 20 ± 1, 3.3% of series with a change elsewhere too (the
  // winsorized spread is a little smaller than the plain one). With the VM's 2.5% spread, ten
  // nights after a 5% step are too few: about two thirds are found.
  EXPECT_GE(found_at_step, kSeries * 95 / 100);
  EXPECT_LE(elsewhere, kSeries * 4 / 100);
  EXPECT_GE(interval_holds, found_at_step * 90 / 100);
}

TEST(ChangePoints, SteadySeriesHaveNone) {
  Nights nights(2);
  int with_change = 0;
  for (int s = 0; s < kSeries; ++s)
    with_change += !reported(nights.steady(30)).empty();
  EXPECT_LE(with_change, kSeries / 100) << "at most 1% of steady series";
}

TEST(ChangePoints, ALoneOutlierNightIsNotAChange) {
  Nights nights(3);
  int with_change = 0;
  for (int s = 0; s < kSeries; ++s) {
    std::vector<double> series = nights.steady(30);
    series[static_cast<std::size_t>(s % 30)] *= 1.15;  // every place, the ends too
    with_change += !reported(series).empty();
  }
  EXPECT_LE(with_change, kSeries / 100);
}

TEST(ChangePoints, TwoStepsAreBothFound) {
  Nights nights(4);
  int both = 0;
  for (int s = 0; s < kSeries; ++s) {
    std::vector<double> series = nights.step(40, 15, 1.08, kQuietSd);
    for (int i = 28; i < 40; ++i)
      series[i] /= 1.08 * 1.08;  // then 8% faster than at first
    const auto changes = reported(series);
    both += changes.size() == 2 && changes[0].index == 15 && changes[0].ratio > 1 &&
            changes[1].index == 28 && changes[1].ratio < 1;
  }
  EXPECT_GE(both, kSeries * 90 / 100);
}

TEST(ChangePoints, AStepOnTheLastThreeNightsIsFound) {
  Nights nights(5);
  int found = 0;
  for (int s = 0; s < kSeries; ++s) {
    const auto changes = reported(nights.step(30, 27, 1.2, kQuietSd));
    found += changes.size() == 1 && changes[0].index == 27;
  }
  EXPECT_GE(found, kSeries * 95 / 100);
}

TEST(ChangePoints, BadInputIsRefused) {
  EXPECT_THROW(stats::change_point_candidates({1, 2, 0, 3, 4, 5}, {}), Error);
  EXPECT_THROW(stats::change_point_candidates({1, 2, -1, 3, 4, 5}, {}), Error);
  stats::ChangePointOptions options;
  options.min_segment = 1;
  EXPECT_THROW(stats::change_point_candidates({1, 2, 3}, options), Error);
  EXPECT_TRUE(stats::change_point_candidates({1, 2, 3, 4, 5}, {}).empty());
  // A split is tested only with min_segment points on each side, within the series.
  EXPECT_THROW(stats::test_split({1, 1, 1, 2, 2, 2}, 0, 2, 6, {}), Error);
  EXPECT_THROW(stats::test_split({1, 1, 1, 2, 2, 2}, 0, 3, 7, {}), Error);
  EXPECT_LT(stats::test_split({1, 1.01, 1, 2, 2.01, 2}, 0, 3, 6, {}).p_value, 0.01);
  // A constant series: no spread, no change.
  for (const auto& c : stats::change_point_candidates(std::vector<double>(12, 2.0), {}))
    EXPECT_EQ(c.p_value, 1.0);
}

// Histories: a suite's benchmarks over nights, with a calibration benchmark.
class HistoryOf : public ::testing::Test {
 protected:
  // Night `night` of benchmark `name`, its processes around `level`.
  void add(const std::string& name, int night, double level) {
    store::HistoryPoint point;
    point.run_id = night + 1;
    point.started_at = (night < 9 ? "2026-11-0" : "2026-11-") + std::to_string(night + 1);
    point.commit = "commit" + std::to_string(night);
    point.name = name;
    for (int p = 0; p < 5; ++p)
      point.real_medians.push_back(level * (1 + 0.001 * p));
    points_.push_back(point);
  }
  // `count` nights of `name`, each night's level from `level_at`.
  template <class Level>
  void series(const std::string& name, int count, Level level_at) {
    for (int night = 0; night < count; ++night)
      add(name, night, level_at(night));
  }
  analysis::History analyse(const analysis::HistoryOptions& options = {}) {
    std::sort(points_.begin(), points_.end(), [](const auto& a, const auto& b) {
      return std::tie(a.name, a.run_id) < std::tie(b.name, b.run_id);
    });
    return analysis::analyse_history(points_, {"host", "cpu", 30, 30}, {}, options);
  }

  std::vector<store::HistoryPoint> points_;
  Nights nights_{7};
};

TEST_F(HistoryOf, AStepOfOneBenchmarkIsItsOwnAndNamesTheCommits) {
  const auto noise = nights_.steady(30, 1.0, 0.01);
  series("calibration/spin", 30, [&](int n) { return 1e-3 * noise[n]; });
  series("a/slower", 30, [&](int n) { return 1e-6 * noise[(n + 7) % 30] * (n >= 20 ? 1.1 : 1); });
  series("a/steady", 30, [&](int n) { return 2e-6 * noise[(n + 13) % 30]; });
  const analysis::History history = analyse();
  ASSERT_EQ(history.benchmarks.size(), 3u) << "no common level of two benchmarks";
  EXPECT_TRUE(history.machine_corrected);
  EXPECT_FALSE(history.relative);
  const auto& slower = history.benchmarks[0];
  ASSERT_EQ(slower.name, "a/slower");
  ASSERT_EQ(slower.change_points.size(), 1u);
  const auto& change = slower.change_points[0];
  EXPECT_EQ(change.first_run, 21);
  EXPECT_EQ(change.commit_before, "commit19");
  EXPECT_EQ(change.commit_after, "commit20");
  EXPECT_EQ(change.cause, analysis::ChangeCause::benchmark);
  EXPECT_TRUE(change.alerting_regression());
  EXPECT_NEAR(change.change.ratio, 1.1, 0.02);
  EXPECT_TRUE(history.benchmarks[1].change_points.empty());
  EXPECT_TRUE(history.benchmarks[2].change_points.empty());
}

TEST_F(HistoryOf, WhatTheCalibrationSharesIsTheMachines) {
  const auto noise = nights_.steady(30, 1.0, 0.01);
  auto machine = [&](int n) { return n >= 12 ? 1.15 : 1.0; };
  series("calibration/spin", 30, [&](int n) { return 1e-3 * noise[n] * machine(n); });
  series("a/work", 30, [&](int n) { return 1e-6 * noise[(n + 5) % 30] * machine(n); });
  const analysis::History history = analyse();
  for (const auto& b : history.benchmarks) {
    ASSERT_EQ(b.change_points.size(), 1u) << b.name;
    EXPECT_EQ(b.change_points[0].cause, analysis::ChangeCause::machine) << b.name;
    EXPECT_FALSE(b.change_points[0].alerting_regression());
    EXPECT_NEAR(b.change_points[0].change.ratio, 1.15, 0.02) << b.name;
  }
}

TEST_F(HistoryOf, AStepHiddenByAMachineMoveIsFoundCorrectedForTheMachine) {
  // The machine gets 3% faster at night 10; from night 13 one benchmark is 5% slower. Measured,
  // its series only rises 2% from night 13 over nights 1-12; relative to the calibration, 5%.
  const auto noise = nights_.steady(30, 1.0, 0.003);
  auto machine = [&](int n) { return n >= 10 ? 0.97 : 1.0; };
  series("calibration/spin", 20, [&](int n) { return 1e-3 * noise[n] * machine(n); });
  series("a/slower", 20,
         [&](int n) { return 1e-6 * noise[(n + 7) % 30] * machine(n) * (n >= 12 ? 1.05 : 1); });
  series("a/steady", 20, [&](int n) { return 2e-6 * noise[(n + 13) % 30] * machine(n); });
  const analysis::History history = analyse();
  ASSERT_TRUE(history.machine_corrected);
  // Each benchmark moved with the machine, and shows it as the machine's; the one that slowed
  // down shows its own change too.
  for (const auto& b : {history.benchmarks[0], history.benchmarks[1]}) {
    ASSERT_FALSE(b.change_points.empty()) << b.name;
    EXPECT_EQ(b.change_points[0].cause, analysis::ChangeCause::machine) << b.name;
    EXPECT_NEAR(b.change_points[0].first_run, 11, 1) << b.name;
  }
  const auto& slower = history.benchmarks[0];
  ASSERT_EQ(slower.change_points.size(), 2u);
  EXPECT_EQ(slower.change_points[1].first_run, 13);
  EXPECT_EQ(slower.change_points[1].cause, analysis::ChangeCause::benchmark);
  EXPECT_NEAR(slower.change_points[1].change.ratio, 1.05, 0.01);
  EXPECT_EQ(history.benchmarks[1].change_points.size(), 1u);
}

TEST(HistoryOfAMachineThatDrifts, NoBenchmarkIsReportedAsItsOwn) {
  // Over nights 4-13 the machine gets 2% faster, a little each night, as it did on the project's
  // VM: the calibration and each benchmark find their step wherever their noise puts it, often
  // more than a run apart. Corrected for the machine, no benchmark moved.
  int machine_changes = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Nights nights(seed);
    const auto calibration = nights.steady(30, 1.0, 0.003);
    const auto work = nights.steady(30, 1.0, 0.003);
    auto machine = [](int n) { return 1 - 0.02 * std::clamp(n - 3, 0, 10) / 10.0; };
    std::vector<store::HistoryPoint> points;
    for (const auto& [name, noise] :
         {std::pair{"a/work", &work}, {"calibration/spin", &calibration}}) {
      for (int n = 0; n < 30; ++n) {
        store::HistoryPoint point;
        point.run_id = n + 1;
        point.name = name;
        point.real_medians = {1e-6 * (*noise)[n] * machine(n)};
        points.push_back(point);
      }
    }
    const analysis::History history =
        analysis::analyse_history(points, {"host", "cpu", 30, 30}, {}, {});
    ASSERT_EQ(history.benchmarks[0].name, "a/work");
    for (const auto& c : history.benchmarks[0].change_points) {
      EXPECT_EQ(c.cause, analysis::ChangeCause::machine)
          << "seed " << seed << ", run " << c.first_run;
      ++machine_changes;
    }
  }
  EXPECT_GT(machine_changes, 20) << "the drift is shown as the machine's";
}

TEST_F(HistoryOf, ACalibrationThatMovesAloneMovesNoBenchmark) {
  const auto noise = nights_.steady(30, 1.0, 0.005);
  series("calibration/spin", 24, [&](int n) { return 1e-3 * noise[n] * (n >= 12 ? 1.2 : 1); });
  series("a/work", 24, [&](int n) { return 1e-6 * noise[(n + 5) % 30]; });
  const analysis::History history = analyse();
  EXPECT_EQ(history.benchmarks[0].name, "a/work");
  EXPECT_TRUE(history.benchmarks[0].change_points.empty());
  ASSERT_EQ(history.benchmarks[1].change_points.size(), 1u);
  EXPECT_EQ(history.benchmarks[1].change_points[0].cause, analysis::ChangeCause::machine);
}

TEST_F(HistoryOf, MostOfTheSuiteMovingTogetherIsSuiteWide) {
  const auto noise = nights_.steady(40, 1.0, 0.01);
  for (int b = 0; b < 6; ++b) {
    // Five of six move at night 15 (one a night late), the sixth does not.
    const int at = b == 5 ? 100 : b == 4 ? 16 : 15;
    series("a/" + std::to_string(b), 30,
           [&](int n) { return 1e-6 * (b + 1) * noise[(n + 3 * b) % 40] * (n >= at ? 1.2 : 1); });
  }
  const analysis::History history = analyse();
  // Each of the five that moved shows its change, suite-wide (relative to the common level it
  // did not move); the sixth, which moved only relative to them, shows nothing.
  for (int b = 0; b < 5; ++b) {
    ASSERT_EQ(history.benchmarks[b].change_points.size(), 1u) << b;
    const auto& change = history.benchmarks[b].change_points[0];
    EXPECT_EQ(change.cause, analysis::ChangeCause::suite_wide) << b;
    EXPECT_EQ(change.first_run, b == 4 ? 17 : 16) << b;
    EXPECT_NEAR(change.change.ratio, 1.2, 0.03) << b;
  }
  EXPECT_TRUE(history.benchmarks[5].change_points.empty());
  const auto& common = history.benchmarks.back();
  ASSERT_TRUE(common.common_level);
  ASSERT_EQ(common.change_points.size(), 1u);
  EXPECT_EQ(common.change_points[0].cause, analysis::ChangeCause::suite_wide);
  EXPECT_TRUE(common.change_points[0].alerting_regression());
  EXPECT_NEAR(common.change_points[0].change.ratio, 1.2, 0.03);
}

TEST_F(HistoryOf, AZeroMedianIsShownAndNotSearched) {
  const auto noise = nights_.steady(30, 1.0, 0.01);
  series("a/work", 30, [&](int n) { return n == 4 ? 0.0 : 1e-6 * noise[n] * (n >= 20 ? 2 : 1); });
  const analysis::History history = analyse();
  ASSERT_EQ(history.benchmarks.size(), 1u);
  EXPECT_EQ(history.benchmarks[0].points.size(), 30u);
  EXPECT_TRUE(history.benchmarks[0].change_points.empty());
  EXPECT_EQ(history.benchmarks[0].not_searched,
            "run 5 has a median of 0, and changes are relative");
}

TEST_F(HistoryOf, KnownChangePointsAreNotNewAndLastAndSinceNarrowTheSeries) {
  const auto noise = nights_.steady(30, 1.0, 0.01);
  series("a/work", 30, [&](int n) { return 1e-6 * noise[n] * (n >= 20 ? 1.1 : 1); });
  analysis::History history = analyse();
  ASSERT_EQ(history.benchmarks[0].change_points.size(), 1u);
  EXPECT_EQ(analysis::new_alerting_regressions(history), 1u) << "nothing known yet";
  analysis::mark_known(history, {{"a/work", 23, true}});
  EXPECT_EQ(analysis::new_alerting_regressions(history), 1u) << "two runs apart: another change";
  analysis::mark_known(history, {{"a/work", 21, false}});
  EXPECT_EQ(analysis::new_alerting_regressions(history), 1u) << "the other way: another change";
  analysis::mark_known(history, {{"a/other", 21, true}, {"a/work", 20, true}});
  EXPECT_EQ(analysis::new_alerting_regressions(history), 0u);
  EXPECT_TRUE(history.benchmarks[0].change_points[0].known);

  analysis::HistoryOptions last;
  last.last = 12;
  EXPECT_EQ(analyse(last).benchmarks[0].points.size(), 12u);
  analysis::HistoryOptions since;
  since.since = "2026-11-26";
  const analysis::History recent = analyse(since);
  ASSERT_EQ(recent.benchmarks.size(), 1u);
  ASSERT_EQ(recent.benchmarks[0].points.size(), 5u);
  EXPECT_EQ(recent.benchmarks[0].points.front().started_at, "2026-11-26");
  EXPECT_TRUE(recent.benchmarks[0].change_points.empty());
}

}  // namespace
}  // namespace benchctl
