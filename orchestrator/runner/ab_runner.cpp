#include "runner/ab_runner.h"

#include <algorithm>
#include <numeric>

#include "runner/build_keeper.h"
#include "runner/run_config.h"
#include "stats/summary.h"
#include "util/error.h"
#include "util/random.h"

namespace benchctl::runner {
namespace {

// One benchmark as the A/B measures it: both sides' results, the figures of each pair.
struct Pairing {
  store::ResultRecord a, b;
  std::vector<double> figures_a, figures_b;  // median time per iteration, pair by pair
  int phase = 0;                             // where in ABBA BAAB the pattern starts
  bool finished = false;
};

// Whether the pairs so far decide the benchmark: a change beyond the noise floor, or none
// beyond ± warn, at the error rate spent over `looks`. A change must stay significant once the
// verdicts correct for the `benchmarks` measured together (Benjamini-Hochberg, stats::decide):
// its p-value times their number bounds the corrected one, so a benchmark is not left to stop
// here as changed and end inconclusive.
bool decided(const Pairing& pairing, int looks, std::size_t benchmarks) {
  const stats::Policy& policy = pairing.b.settings.policy;
  const stats::SampleComparison c =
      stats::compare_paired(pairing.figures_a, pairing.figures_b, policy, looks);
  const bool changed = policy.clears_noise_floor(c.interval) &&
                       policy.significant(c.p_value * static_cast<double>(benchmarks));
  return changed || policy.within_warn(c.interval);
}

// Measures one side's process of pair `k` into its result; false when it failed (the benchmark
// is then over).
bool measure_side(Pairing& p, const suite::Job& job, bool side_a, int k, std::size_t& position,
                  Measurer& measurer, store::Store& store) {
  store::ResultRecord& result = side_a ? p.a : p.b;
  ProcessOutcome measured = measurer.measure_benchmark(job, k);
  if (!measured.ok) {
    result.status = store::ResultStatus::failed;
    result.reason = measured.failure;
    result.output_tail = measured.output_tail;
    return false;
  }
  measured.record.conditions.position = static_cast<int>(position++);
  const auto figure = store::median_per_iteration(measured.record, result.settings.policy.cpu_time);
  store.add_process(result.id, measured.record);
  result.processes.push_back(std::move(measured.record));
  if (!figure) {
    result.status = store::ResultStatus::failed;
    result.reason = "the worker reported no times";
    return false;
  }
  (side_a ? p.figures_a : p.figures_b).push_back(*figure);
  return true;
}

// The two runs, linked as an A/B, each keeping its build.
void begin_ab_runs(const AbPlan& plan, const AbSettings& settings, store::Store& store,
                   AbOutcome& outcome) {
  store::NewRun run_a = new_run(plan.a, settings.label_a, settings.environment);
  store::NewRun run_b = new_run(plan.b, settings.label_b, settings.environment);
  keep_build(store, run_a.plugins);
  keep_build(store, run_b.plugins);
  outcome.run_a = store.begin_run(run_a);
  outcome.run_b = store.begin_run(run_b);
  store.link_ab(
      {0, outcome.run_a, outcome.run_b, settings.label_a, settings.label_b, outcome.looks});
}

// What was not finished failed, and both runs were interrupted.
void store_interruption(const std::vector<Pairing>& pairings, const AbOutcome& outcome,
                        store::Store& store) {
  for (const Pairing& p : pairings) {
    if (p.finished)
      continue;
    for (const store::ResultRecord* result : {&p.a, &p.b})
      store.finish_result(result->id, store::ResultStatus::failed, "interrupted by the user", "");
  }
  store.finish_run(outcome.run_a, store::RunStatus::interrupted);
  store.finish_run(outcome.run_b, store::RunStatus::interrupted);
}

}  // namespace

std::vector<int> planned_looks(int min_pairs, int max_pairs) {
  if (min_pairs < 1 || max_pairs < min_pairs)
    throw UsageError("expected 1 <= minimum pairs <= maximum pairs");
  std::vector<int> looks;
  for (int n = min_pairs; n < max_pairs; n *= 2)
    looks.push_back(n);
  looks.push_back(max_pairs);
  return looks;
}

AbOutcome run_ab(const AbPlan& plan, store::Store& store, Measurer& measurer,
                 const AbSettings& settings, ProgressListener* progress) {
  const std::vector<int> looks = planned_looks(settings.min_pairs, settings.max_pairs);
  AbOutcome outcome;
  outcome.looks = static_cast<int>(looks.size());
  begin_ab_runs(plan, settings, store, outcome);

  const std::size_t jobs = plan.a.jobs.size();
  util::SplitMix64 random(static_cast<std::uint64_t>(outcome.run_a));
  std::vector<Pairing> pairings(jobs);
  for (std::size_t i = 0; i < jobs; ++i) {
    pairings[i].a = begin_result(store, outcome.run_a, plan.a.jobs[i]);
    pairings[i].b = begin_result(store, outcome.run_b, plan.b.jobs[i]);
    pairings[i].phase = static_cast<int>(random.below(4));
  }
  if (progress)
    progress->run_started(outcome.run_b, jobs,
                          2 * jobs * static_cast<std::size_t>(settings.max_pairs));

  std::size_t finished = 0, position = 0, done = 0;
  auto finish = [&](std::size_t i) {
    Pairing& p = pairings[i];
    for (const store::ResultRecord* result : {&p.a, &p.b})
      store.finish_result(result->id, result->status, result->reason, result->output_tail);
    p.finished = true;
    outcome.failed +=
        p.a.status == store::ResultStatus::failed || p.b.status == store::ResultStatus::failed ? 1
                                                                                               : 0;
    if (progress)
      progress->benchmark_finished(++finished, jobs, plan.b.jobs[i], p.b);
  };
  auto measure = [&](std::size_t i, int k, bool side_a) {
    return measure_side(pairings[i], side_a ? plan.a.jobs[i] : plan.b.jobs[i], side_a, k, position,
                        measurer, store);
  };

  std::vector<std::size_t> order(jobs);
  try {
    for (int k = 0; k < settings.max_pairs && finished < jobs; ++k) {
      std::iota(order.begin(), order.end(), std::size_t{0});
      for (std::size_t i = order.size(); i > 1; --i)  // Fisher-Yates, a new order every round
        std::swap(order[i - 1], order[random.below(i)]);
      for (const std::size_t i : order) {
        if (pairings[i].finished)
          continue;
        // ABBA BAAB: pairs 0 and 3 of every four run A first, 1 and 2 run B first.
        const int slot = (k + pairings[i].phase) % 4;
        const bool a_first = slot == 0 || slot == 3;
        const bool ok = measure(i, k, a_first) && measure(i, k, !a_first);
        done += 2;
        if (progress)
          progress->unit_finished(done, 2 * jobs * static_cast<std::size_t>(settings.max_pairs));
        const bool last = k + 1 == settings.max_pairs;
        const bool look = std::find(looks.begin(), looks.end(), k + 1) != looks.end();
        if (!ok || last || (look && decided(pairings[i], outcome.looks, jobs)))
          finish(i);
      }
    }
  } catch (const Interrupted&) {
    store_interruption(pairings, outcome, store);
    throw;
  }
  store.finish_run(outcome.run_a, store::RunStatus::complete);
  store.finish_run(outcome.run_b, store::RunStatus::complete);
  return outcome;
}

}  // namespace benchctl::runner
