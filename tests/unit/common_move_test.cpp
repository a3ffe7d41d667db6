// Whole-run moves (stats/common_move.h, analysis/common_move.h): the statistics, and stored
// comparisons of simulated runs on a machine that moves whole runs now and then.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/comparison.h"
#include "analysis/noise_model.h"
#include "stats/common_move.h"
#include "util/random.h"

namespace benchctl {
namespace {

TEST(MachineMove, WithoutHistoryTheDefaultDriftJudges) {
  const stats::RunNoise fallback{0.05 * 0.05, 10};
  EXPECT_GT(stats::machine_move_p_value(0.05, {}, 0, fallback), 0.3);
  EXPECT_LT(stats::machine_move_p_value(std::log(1.6), {}, 0, fallback), 0.001);
}

TEST(MachineMove, AMoveTheHistoryShowsIsNeverBeyondIt) {
  // Forty quiet moves of about 1%, and the two moves of one run that was 8% slower.
  std::vector<double> moves;
  for (int i = 0; i < 40; ++i)
    moves.push_back((i % 2 ? 1 : -1) * 0.01);
  moves.push_back(0.08);
  moves.push_back(-0.08);
  const stats::RunNoise unused{0.05 * 0.05, 10};
  EXPECT_GT(stats::machine_move_p_value(0.08, moves, 42, unused), 0.04)
      << "seen twice in 42 moves: no rarer than that";
  EXPECT_GE(stats::machine_move_p_value(0.05, moves, 42, unused),
            stats::machine_move_p_value(0.08, moves, 42, unused));
  EXPECT_GT(stats::machine_move_p_value(0.12, moves, 42, unused), 0.01)
      << "beyond the largest, the tail falls slowly";
  EXPECT_LT(stats::machine_move_p_value(0.6, moves, 42, unused), 0.01)
      << "far beyond anything the machine did";
}

TEST(RelativeMove, MovingWithTheSuiteIsNoMoveAndMovingBeyondItIs) {
  stats::RunLevelComparison total;
  total.ratio = 1.08;
  total.run_coefficient = 2;
  total.process_part = 0.002 * 0.002;
  total.process_df = 8;
  const stats::RunNoise relative{0.01 * 0.01, 40};
  EXPECT_GT(stats::relative_move(total, std::log(1.08), 0, relative, 0.95).p_value, 0.9);
  const stats::MoveTest beyond = stats::relative_move(total, std::log(1.02), 0, relative, 0.95);
  EXPECT_LT(beyond.p_value, 0.01);
  EXPECT_NEAR(std::exp(beyond.log_ratio), 1.08 / 1.02, 1e-12);
  EXPECT_LT(beyond.interval.low, std::exp(beyond.log_ratio));
  EXPECT_GT(beyond.interval.high, std::exp(beyond.log_ratio));
}

// A simulated machine: each run's benchmarks share a whole-run move (now and then a large one),
// each benchmark drifts a little on its own, and each process a little more.
class SimulatedMachine {
 public:
  SimulatedMachine(double shift_chance, std::uint64_t seed)
      : shift_chance_(shift_chance), random_(seed) {}

  // One run of the five benchmarks, `changes[b]` their code's change (1: none).
  store::RunRecord run(std::int64_t id, const std::vector<double>& changes) {
    const double shift = random_.uniform() < shift_chance_ ? 0.08 + 0.17 * random_.uniform() : 0;
    store::RunRecord run;
    run.id = id;
    run.suite_name = "s";
    run.environment =
        nlohmann::json{{"host", "sim"}, {"cpu_model", "EPYC"}}.get<store::Environment>();
    for (std::size_t b = 0; b < changes.size(); ++b) {
      store::ResultRecord& result = run.results.emplace_back();
      result.name = "sim/" + std::to_string(b);
      result.kind = store::ResultKind::benchmark;
      result.status = store::ResultStatus::ok;
      // Kinds of work answer a whole-run move by more or less than it.
      const double response = 0.8 + 0.4 * random_.uniform();
      const double level =
          std::log(1e-3 * (b + 1) * changes[b]) + response * shift + 0.01 * normal();
      for (int p = 0; p < 8; ++p) {
        store::ProcessRecord& process = result.processes.emplace_back();
        process.index = p;
        const double seconds = std::exp(level + 0.01 * normal());
        process.samples.push_back({0, 1000, seconds * 1000, seconds * 1000, {}, {}});
      }
    }
    return run;
  }

  static std::vector<store::HistoryPoint> history_of(const std::vector<store::RunRecord>& runs) {
    std::vector<store::HistoryPoint> points;
    for (std::size_t b = 0; b < runs.front().results.size(); ++b) {
      for (const store::RunRecord& run : runs) {
        store::HistoryPoint& point = points.emplace_back();
        point.run_id = run.id;
        point.name = run.results[b].name;
        point.settings = run.results[b].settings;
        for (const store::ProcessRecord& process : run.results[b].processes) {
          point.real_medians.push_back(*store::median_per_iteration(process, false));
          point.cpu_medians.push_back(*store::median_per_iteration(process, true));
        }
      }
    }
    return points;
  }

 private:
  double normal() {  // Box-Muller
    const double u = 1 - random_.uniform(), v = random_.uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * 3.14159265358979 * v);
  }

  double shift_chance_;
  util::SplitMix64 random_;
};

struct Tally {
  int flagged = 0, compared = 0;
};

// Compares, `trials` times, a fresh pair of runs after a history of 60 runs of the same machine.
Tally compare_pairs_of_runs(double shift_chance, const std::vector<double>& changes, int trials,
                            const std::string& counted_prefix) {
  Tally tally;
  SimulatedMachine machine(shift_chance, 42);
  const std::vector<double> unchanged(changes.size(), 1.0);
  for (int trial = 0; trial < trials; ++trial) {
    std::vector<store::RunRecord> history;
    for (int i = 0; i < 60; ++i)
      history.push_back(machine.run(i + 1, unchanged));
    const store::RunRecord before = machine.run(61, unchanged);
    const store::RunRecord after = machine.run(62, changes);
    const analysis::NoiseModel noise =
        analysis::NoiseModel::from_history(SimulatedMachine::history_of(history), {after}, 61, 62);
    const analysis::RunComparison c =
        analysis::compare_runs({before}, "before", {after}, "after", std::nullopt, noise);
    for (const analysis::BenchmarkComparison& b : c.benchmarks) {
      if (!b.name.starts_with(counted_prefix))
        continue;
      ++tally.compared;
      tally.flagged += stats::moved(b.result.verdict) ? 1 : 0;
    }
  }
  return tally;
}

TEST(StoredComparison, WholeRunMovesAreNotChanges) {
  // One run in eight moved by 8-25% as a whole: a pair of runs holds one a quarter of the time.
  const Tally aa = compare_pairs_of_runs(0.125, {1, 1, 1, 1, 1}, 200, "sim/");
  EXPECT_EQ(aa.compared, 1000);
  EXPECT_LE(aa.flagged, 10) << "at most 1% of identical benchmarks flagged";
}

// A pair of runs holds a whole-run move of 8-25% a quarter of the time; kinds of work answer it
// by ±20% of it, and a lone 10% is then not told from that: caught in most of the other three
// quarters.
TEST(StoredComparison, ABenchmarkThatMovedAloneIsCaughtThroughWholeRunMoves) {
  const Tally alone = compare_pairs_of_runs(0.125, {1.10, 1, 1, 1, 1}, 40, "sim/0");
  EXPECT_GE(alone.flagged, 24) << alone.flagged << " of " << alone.compared;
  const Tally others = compare_pairs_of_runs(0.125, {1.10, 1, 1, 1, 1}, 40, "sim/");
  EXPECT_LE(others.flagged - alone.flagged, 2) << "the four unchanged ones stay unchanged";
}

TEST(StoredComparison, AMoveOfTheWholeSuiteBeyondTheMachinesIsTheCodes) {
  // A quiet machine, and most of the suite 30% slower: beyond anything its history shows.
  const Tally moved = compare_pairs_of_runs(0, {1.3, 1.3, 1.3, 1.3, 1}, 20, "sim/");
  const Tally unchanged = compare_pairs_of_runs(0, {1.3, 1.3, 1.3, 1.3, 1}, 20, "sim/4");
  EXPECT_GE(moved.flagged - unchanged.flagged, 76) << "the four that moved";
  EXPECT_EQ(unchanged.flagged, 0) << "the one that did not";
}

// A run in which the typical process waited for a CPU 40% of its time.
store::RunRecord on_a_busy_machine(store::RunRecord run) {
  for (store::ResultRecord& result : run.results) {
    for (store::ProcessRecord& process : result.processes)
      process.conditions.cpu_pressure = 0.4;
  }
  return run;
}

// How many of the benchmarks of a quiet pair of runs, `changes` applied to the current side and
// either side run on a busy machine, are flagged.
int flagged_with_a_busy_side(const std::vector<double>& changes, bool busy_baseline) {
  SimulatedMachine machine(0, 7);
  const std::vector<double> unchanged(changes.size(), 1.0);
  store::RunRecord before = machine.run(1, unchanged);
  store::RunRecord after = machine.run(2, changes);
  if (busy_baseline)
    before = on_a_busy_machine(std::move(before));
  else
    after = on_a_busy_machine(std::move(after));
  const analysis::RunComparison c = analysis::compare_runs({before}, "before", {after}, "after",
                                                           std::nullopt, analysis::NoiseModel{});
  int flagged = 0;
  for (const analysis::BenchmarkComparison& b : c.benchmarks)
    flagged += stats::moved(b.result.verdict) ? 1 : 0;
  return flagged;
}

// A disturbance only slows the side it falls on: a busy baseline hides slowdowns, never makes
// them, so a slowdown beyond its noise is still convicted; an improvement is not, and the other
// way round for a busy current side.
TEST(StoredComparison, ABusySideConvictsOnlyMovesItsDisturbanceCouldNotHaveMade) {
  const std::vector<double> slower(5, 2.0), faster(5, 0.5);
  EXPECT_EQ(flagged_with_a_busy_side(slower, true), 5);
  EXPECT_EQ(flagged_with_a_busy_side(slower, false), 0);
  EXPECT_EQ(flagged_with_a_busy_side(faster, true), 0);
  EXPECT_EQ(flagged_with_a_busy_side(faster, false), 5);
}

}  // namespace
}  // namespace benchctl
