// A comparison as JSON: schema "benchctl.compare/1" (docs/json.md).
#include <nlohmann/json.hpp>

#include <cmath>

#include "report/comparison_report.h"
#include "report/profile_report.h"

namespace benchctl::report {
namespace {

using analysis::BenchmarkComparison;
using analysis::Standing;
using stats::Verdict;

nlohmann::json side_json(const analysis::Side& side) {
  return {{"run", side.run_ids.back()},    {"runs", side.run_ids},
          {"reference", side.reference},   {"suite", side.suite},
          {"started_at", side.started_at}, {"commit", side.commit}};
}

nlohmann::json shift_json(const std::optional<analysis::MachineShift>& shift) {
  if (!shift)
    return nullptr;
  return {{"median_ratio", shift->median_ratio},
          {"agreeing", shift->agreeing},
          {"compared", shift->compared},
          {"calibration",
           shift->calibration.empty() ? nlohmann::json() : nlohmann::json(shift->calibration)},
          {"calibration_ratio",
           shift->calibration_ratio ? nlohmann::json(*shift->calibration_ratio) : nlohmann::json()},
          {"confirmed", shift->confirmed()},
          {"text", shift_text(*shift)}};
}

nlohmann::json common_move_json(const std::optional<analysis::CommonMove>& move) {
  if (!move)
    return nullptr;
  return {{"ratio", move->ratio},
          {"benchmarks", move->benchmarks},
          {"p_machine", move->p_machine},
          {"history_moves", move->history_moves},
          {"busy", move->busy}};
}

nlohmann::json summary_json(const analysis::RunComparison& comparison) {
  return {{"regression", comparison.count(Verdict::regression)},
          {"slower", comparison.count(Verdict::slower)},
          {"improved", comparison.count(Verdict::improved)},
          {"inconclusive", comparison.count(Verdict::inconclusive)},
          {"no_change", comparison.count(Verdict::no_change)},
          {"only_in_baseline", comparison.count(Standing::only_in_baseline)},
          {"only_in_current", comparison.count(Standing::only_in_current)},
          {"failed", comparison.count(Standing::failed_in_baseline) +
                         comparison.count(Standing::failed_in_current)}};
}

// The counted readings beside the timed verdict: allocations and instructions.
void add_counts(nlohmann::json& b, const BenchmarkComparison& c) {
  if (c.allocations) {
    const auto& a = *c.allocations;
    // From none to some: no finite ratio (null).
    b["allocations"] = {
        {"verdict", stats::to_string(a.verdict)},
        {"baseline", a.before_median},
        {"current", a.after_median},
        {"ratio", std::isfinite(a.ratio) ? nlohmann::json(a.ratio) : nlohmann::json()},
        {"policy", stats::instruction_policy(c.policy)}};
  }
  if (c.instructions) {
    const auto& i = *c.instructions;
    b["instructions"] = {{"verdict", stats::to_string(i.verdict)},
                         {"baseline", i.before_median},
                         {"current", i.after_median},
                         {"ratio", i.ratio},
                         {"interval", {i.interval.low, i.interval.high}},
                         {"policy", stats::instruction_policy(c.policy)}};
    b["reading"] = c.reading;
    b["cache_miss_ratio"] =
        c.cache_miss_ratio ? nlohmann::json(*c.cache_miss_ratio) : nlohmann::json();
  }
}

nlohmann::json paired_json(const analysis::PairedReading& reading) {
  if (!reading.measured())
    return {{"missing", reading.missing}};
  return {{"verdict", stats::to_string(reading.paired.verdict)},
          {"ratio", reading.paired.ratio},
          {"interval", {reading.paired.interval.low, reading.paired.interval.high}},
          {"p_value", reading.paired.adjusted_p_value},
          {"pairs", reading.paired.pairs}};
}

nlohmann::json benchmark_json(const BenchmarkComparison& c) {
  nlohmann::json b = {{"name", c.name},
                      {"kind", store::to_string(c.kind)},
                      {"standing", analysis::to_string(c.standing)}};
  if (c.standing != Standing::compared)
    return b;
  const auto& r = c.result;
  b["verdict"] = stats::to_string(r.verdict);
  b["unit"] = c.unit == "size"           ? "bytes"
              : c.unit == "instructions" ? "instructions per iteration"
                                         : "seconds";
  b["baseline"] = {
      {"median", r.before_median}, {"processes", r.before_count}, {"runs", r.before_runs}};
  b["current"] = {{"median", r.after_median}, {"processes", r.after_count}, {"runs", r.after_runs}};
  b["ratio"] = r.ratio;
  b["interval"] = {r.interval.low, r.interval.high};
  b["p_value"] = r.p_value;
  b["adjusted_p_value"] = r.adjusted_p_value;
  b["minimum_detectable"] = r.minimum_detectable;
  b["run_spread"] = r.run_sd;
  b["process_spread"] = r.process_sd;
  b["history_runs"] = c.history_runs;
  b["pairs"] = r.pairs;  // 0 unless an A/B compared pair by pair
  add_counts(b, c);
  if (c.paired)
    b["paired"] = paired_json(*c.paired);  // the gate uses its verdict where it measured
  b["policy"] = c.policy;
  return b;
}

}  // namespace

nlohmann::json comparison_json(const analysis::RunComparison& comparison) {
  nlohmann::json json;
  json["schema"] = "benchctl.compare/2";
  json["baseline"] = side_json(comparison.baseline);
  json["current"] = side_json(comparison.current);
  json["environment_differences"] = comparison.environment_differences;
  json["cross_machine"] = comparison.cross_machine();
  json["baseline_machines"] = comparison.baseline.machines;
  json["current_machines"] = comparison.current.machines;
  json["notes"] = comparison.notes;
  json["machine_shift"] = shift_json(comparison.shift);
  json["common_move"] = common_move_json(comparison.common_move);
  if (const auto& settlement = comparison.settlement) {
    json["settlement"] = {{"baseline_build", settlement->baseline_build},
                          {"current_build", settlement->current_build},
                          {"identical_builds", settlement->identical_builds},
                          {"runs", {settlement->run_a, settlement->run_b}},
                          {"benchmarks", settlement->benchmarks},
                          {"pairs", settlement->pairs},
                          {"seconds", settlement->seconds}};
  }
  json["summary"] = summary_json(comparison);
  json["geometric_means"] = nlohmann::json::array();  // overall ("plugin": ""), then per plugin
  for (const analysis::GeometricMean& mean : comparison.geometric_means) {
    json["geometric_means"].push_back({{"plugin", mean.plugin},
                                       {"ratio", mean.ratio},
                                       {"interval", {mean.interval.low, mean.interval.high}},
                                       {"benchmarks", mean.benchmarks}});
  }
  json["benchmarks"] = nlohmann::json::array();
  for (const BenchmarkComparison& c : comparison.benchmarks)
    json["benchmarks"].push_back(benchmark_json(c));
  if (!comparison.profiles.empty())
    json["profiles"] = profiles_json(comparison.profiles, kProfileTopFunctions)["profiles"];
  return json;
}

}  // namespace benchctl::report
