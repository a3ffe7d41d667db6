// Alerts from histories: grouping per commit range, what a scan keeps of a team's decisions, a
// regression that fixes itself, what a digest shows, and an accepted change in a comparison.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analysis/alerts.h"
#include "analysis/history.h"
#include "analysis/stored_comparison.h"
#include "scratch_store.h"

namespace benchctl::analysis {
namespace {

using store::AlertState;

constexpr const char* kNow = "2026-12-04T02:30:00Z";

// Nights of a suite: calibration, four benchmarks, and each night's level per benchmark.
class Nights {
 public:
  // `level(benchmark, night)`: the benchmark's factor on that night (1: unchanged).
  template <class Level>
  std::vector<store::HistoryPoint> make(int count, Level level) {
    std::vector<store::HistoryPoint> points;
    std::mt19937_64 random(11);
    std::normal_distribution<double> noise(0, 0.004);
    for (const std::string name : {"a/one", "a/two", "a/three", "a/four", "calibration/spin"}) {
      for (int night = 0; night < count; ++night) {
        store::HistoryPoint point;
        point.run_id = night + 1;
        point.started_at = "2026-11-" + std::to_string(10 + night) + "T02:30:00Z";
        point.commit = "commit" + std::to_string(night + 1);
        point.name = name;
        for (int p = 0; p < 5; ++p)
          point.real_medians.push_back(1e-6 * level(name, night) * std::exp(noise(random)));
        points.push_back(point);
      }
    }
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) {
      return std::tie(a.name, a.run_id) < std::tie(b.name, b.run_id);
    });
    return points;
  }
};

History history_of(const std::vector<store::HistoryPoint>& points,
                   const std::vector<store::Alert>& alerts = {}, bool since_open = false) {
  HistoryOptions options;
  options.series_starts = since_open ? open_alert_starts(alerts) : series_starts(alerts);
  return analyse_history(points, {"host", "cpu", 30, 30}, {}, options);
}

std::vector<ScannedAlert> scan(const std::vector<store::HistoryPoint>& points,
                               std::vector<store::Alert> alerts = {}) {
  return scan_alerts(history_of(points, alerts), history_of(points, alerts, true), "nightly",
                     alerts, kNow);
}

// Nights 1-12 as they were, two benchmarks 5% slower from night 13 (run 13).
double step_in_two(const std::string& name, int night) {
  return (name == "a/one" || name == "a/two") && night >= 12 ? 1.05 : 1.0;
}

std::vector<store::Alert> stored(const std::vector<ScannedAlert>& scanned) {
  std::vector<store::Alert> alerts;
  std::int64_t id = 0;
  for (const ScannedAlert& s : scanned) {
    alerts.push_back(s.alert);
    if (alerts.back().id == 0)
      alerts.back().id = ++id + 100;
  }
  return alerts;
}

TEST(Alerts, TheBenchmarksThatMovedAtOneCommitRangeAreOneNewAlert) {
  auto scanned = scan(Nights().make(20, step_in_two));
  ASSERT_EQ(scanned.size(), 1u);
  const store::Alert& alert = scanned[0].alert;
  EXPECT_TRUE(scanned[0].changed);
  EXPECT_EQ(alert.state, AlertState::untriaged);
  EXPECT_EQ(alert.suite, "nightly");
  EXPECT_EQ(alert.host, "host");
  EXPECT_NEAR(static_cast<double>(alert.first_run), 13, 1);
  ASSERT_EQ(alert.changes.size(), 2u);
  EXPECT_EQ(alert.changes[0].benchmark, "a/one");
  EXPECT_EQ(alert.changes[1].benchmark, "a/two");
  for (const auto& change : alert.changes)
    EXPECT_NEAR(change.ratio, 1.05, 0.01);
  ASSERT_EQ(alert.events.size(), 1u);
  EXPECT_EQ(alert.events[0].at, kNow);

  // The digest shows it once.
  auto digest = take_digest(scanned);
  ASSERT_EQ(digest.size(), 1u);
  EXPECT_FALSE(digest[0].was);
  EXPECT_TRUE(take_digest(scanned).empty());
}

TEST(Alerts, ANightLaterTheSameChangeIsNoNewAlertWhateverItsState) {
  const auto points = Nights().make(21, step_in_two);
  for (const AlertState state :
       {AlertState::untriaged, AlertState::investigating, AlertState::invalid, AlertState::fixed}) {
    auto first = scan(points);
    take_digest(first);
    auto alerts = stored(first);
    alerts[0].move_to(state, kNow, "triaged");
    auto again = scan(points, alerts);
    ASSERT_EQ(again.size(), 1u) << name_of(state);
    EXPECT_EQ(again[0].alert.state, state);
    const auto digest = take_digest(again);
    if (state == AlertState::untriaged) {
      EXPECT_TRUE(digest.empty()) << "shown already";
    } else {
      ASSERT_EQ(digest.size(), 1u) << "its state changed since the last digest";
      EXPECT_EQ(digest[0].was, AlertState::untriaged);
    }
  }
}

TEST(Alerts, AnAcceptedChangeRestartsItsBenchmarksSeriesAndStopsBeingReported) {
  const auto points = Nights().make(20, step_in_two);
  auto alerts = stored(scan(points));
  alerts[0].move_to(AlertState::accepted, kNow, "intended");
  const History history = history_of(points, alerts);
  for (const BenchmarkHistory& b : history.benchmarks) {
    if (b.name == "a/one" || b.name == "a/two") {
      EXPECT_EQ(b.points.front().run_id, alerts[0].changes[0].first_run) << b.name;
      EXPECT_TRUE(b.change_points.empty()) << b.name;
    }
  }
  const auto scanned = scan(points, alerts);
  ASSERT_EQ(scanned.size(), 1u);
  EXPECT_FALSE(scanned[0].changed);

  // A later change of an accepted benchmark is measured from its new level: a new alert.
  const auto later = Nights().make(30, [](const std::string& name, int night) {
    return step_in_two(name, night) * (name == "a/one" && night >= 22 ? 1.05 : 1.0);
  });
  const auto after = scan(later, alerts);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[1].alert.state, AlertState::untriaged);
  ASSERT_EQ(after[1].alert.changes.size(), 1u);
  EXPECT_EQ(after[1].alert.changes[0].benchmark, "a/one");
  EXPECT_NEAR(after[1].alert.changes[0].ratio, 1.05, 0.01);
}

TEST(Alerts, ARegressionWhoseBenchmarksComeBackIsFixedByItself) {
  const auto points = Nights().make(30, [](const std::string& name, int night) {
    return night < 21 ? step_in_two(name, night) : 1.0;
  });
  auto alerts = stored(scan(Nights().make(20, step_in_two)));
  alerts[0].reported_state = AlertState::untriaged;
  auto scanned = scan(points, alerts);
  ASSERT_EQ(scanned.size(), 1u);
  const store::Alert& alert = scanned[0].alert;
  EXPECT_EQ(alert.state, AlertState::fixed);
  ASSERT_TRUE(alert.fixed_at_run);
  EXPECT_NEAR(static_cast<double>(*alert.fixed_at_run), 22, 1);
  EXPECT_NE(alert.events.back().note.find("by itself"), std::string::npos);
  const auto digest = take_digest(scanned);
  ASSERT_EQ(digest.size(), 1u);
  EXPECT_EQ(digest[0].was, AlertState::untriaged);
}

TEST(Alerts, OnlyOneBenchmarkComingBackLeavesTheAlertOpen) {
  const auto points = Nights().make(30, [](const std::string& name, int night) {
    return name == "a/one" && night >= 21 ? 1.0 : step_in_two(name, night);
  });
  auto alerts = stored(scan(Nights().make(20, step_in_two)));
  const auto scanned = scan(points, alerts);
  ASSERT_EQ(scanned.size(), 1u);
  EXPECT_EQ(scanned[0].alert.state, AlertState::untriaged);
  EXPECT_FALSE(scanned[0].alert.fixed_at_run);
}

TEST(Alerts, ASteadySuiteHasNoAlert) {
  const auto points = Nights().make(30, [](const std::string&, int) { return 1.0; });
  EXPECT_TRUE(scan(points).empty());
}

}  // namespace
}  // namespace benchctl::analysis

namespace benchctl::analysis {
namespace {

// A comparison's noise reads the machine's history of each benchmark: an accepted alert's
// benchmark reads it from the alert's change on.
TEST(AcceptedAlerts, LeaveTheOlderLevelOutOfAComparisonsNoise) {
  testing::ScratchStore store("accepted_noise");
  std::vector<store::RunRecord> runs;
  for (int night = 0; night < 10; ++night) {
    store::NewRun run;
    run.suite_name = "nightly";
    run.suite_file = "nightly.yaml";
    run.config_hash = "h";
    run.config = nlohmann::json::object();
    run.environment =
        nlohmann::json{{"host", "box"}, {"cpu_model", "cpu"}}.get<store::Environment>();
    const auto id = store->begin_run(run);
    for (const char* name : {"a/moved", "a/steady"}) {
      const auto result = store->begin_result(id, {name, "a", store::ResultKind::benchmark, {}});
      for (int p = 0; p < 3; ++p) {
        store::ProcessRecord process;
        process.index = p;
        const double seconds = 1e-3 * (1 + 0.001 * ((night + p) % 3));
        process.samples.push_back({0, 1000, seconds * 1000, seconds * 1000, {}, {}});
        store->add_process(result, process);
      }
      store->finish_result(result, store::ResultStatus::ok, "", "");
    }
    store->finish_run(id, store::RunStatus::complete);
  }
  store::Alert accepted;
  accepted.suite = "nightly";
  accepted.host = "box";
  accepted.cpu_model = "cpu";
  accepted.first_run = 6;
  accepted.changes = {{"a/moved", 6, 1e-3, 1.1e-3, 1.1, 1.05, 1.15, 1e-4, "benchmark"}};
  accepted.move_to(store::AlertState::accepted, kNow, "intended");
  const std::vector<store::RunRecord> current = {store->load_run(10)};
  const int before = noise_for(*store, current, 9, {}).estimate("a/moved").history_runs;
  store->save_alert(accepted);
  const NoiseModel noise = noise_for(*store, current, 9, {});
  EXPECT_EQ(noise.estimate("a/steady").history_runs, before);
  EXPECT_LT(noise.estimate("a/moved").history_runs, before);
  EXPECT_EQ(noise.estimate("a/moved").history_runs, 5) << "runs 6 to 10";
}

}  // namespace
}  // namespace benchctl::analysis
