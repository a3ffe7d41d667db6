#include "store/result_settings.h"

#include <algorithm>

#include "util/enum_names.h"
#include "util/error.h"
#include "util/json_fields.h"
#include "util/overlay.h"

namespace benchctl::store {
namespace {

using util::read_if_present;
using util::write_if_set;

constexpr util::EnumNames<ResultKind, 4> kKindNames{{{ResultKind::benchmark, "benchmark"},
                                                     {ResultKind::command, "command"},
                                                     {ResultKind::file_size, "file_size"},
                                                     {ResultKind::load, "load"}}};

constexpr util::EnumNames<BudgetMetric, 23> kMetricNames{{
    {BudgetMetric::median, "median"},
    {BudgetMetric::p50, "p50"},
    {BudgetMetric::p90, "p90"},
    {BudgetMetric::p95, "p95"},
    {BudgetMetric::p99, "p99"},
    {BudgetMetric::max, "max"},
    {BudgetMetric::min, "min"},
    {BudgetMetric::mean, "mean"},
    {BudgetMetric::p999, "p999"},
    {BudgetMetric::max_rss, "max_rss"},
    {BudgetMetric::max_size, "max_size"},
    {BudgetMetric::min_throughput, "min_throughput"},
    {BudgetMetric::min_counter, "min_counter"},
    {BudgetMetric::max_counter, "max_counter"},
    {BudgetMetric::max_ratio, "max_ratio"},
    {BudgetMetric::max_instructions, "max_instructions"},
    {BudgetMetric::max_allocs, "max_allocs"},
    {BudgetMetric::max_alloc_bytes, "max_alloc_bytes"},
    {BudgetMetric::min_success_rate, "min_success_rate"},
    {BudgetMetric::min_achieved_rate, "min_achieved_rate"},
    {BudgetMetric::max_recovery_time, "max_recovery_time"},
    {BudgetMetric::max_rss_slope, "max_rss_slope"},
    {BudgetMetric::max_degradation, "max_degradation"},
}};

}  // namespace

std::string to_string(ResultKind kind) {
  return util::name_of(kKindNames, kind);
}

ResultKind result_kind_from_string(std::string_view text) {
  if (const auto kind = util::value_of(kKindNames, text))
    return *kind;
  throw StorageError("unknown result kind '" + std::string(text) + "' in the database");
}

Settings Settings::overlaid_on(const Settings& base) const {
  Settings merged = base;
  util::lay_over(merged.processes, processes);
  util::lay_over(merged.repetitions, repetitions);
  util::lay_over(merged.min_time, min_time);
  util::lay_over(merged.warmup, warmup);
  util::lay_over(merged.timeout, timeout);
  util::lay_over(merged.runs, runs);
  util::lay_over(merged.warmup_runs, warmup_runs);
  util::lay_over(merged.measurement, measurement);
  util::lay_over(merged.cache_simulation, cache_simulation);
  util::lay_over(merged.affinity, affinity);
  return merged;
}

std::optional<Measures> Measures::from_names(const std::vector<std::string>& names) {
  Measures measures{false, false, false};
  for (const std::string& name : names) {
    bool* chosen = name == "time"           ? &measures.time
                   : name == "instructions" ? &measures.instructions
                   : name == "allocations"  ? &measures.allocations
                                            : nullptr;
    if (chosen == nullptr || *chosen)
      return std::nullopt;
    *chosen = true;
  }
  if (names.empty())
    return std::nullopt;
  measures.time = measures.time || measures.allocations;
  return measures;
}

std::vector<std::string> Measures::names() const {
  std::vector<std::string> names;
  if (time)
    names.push_back("time");
  if (instructions)
    names.push_back("instructions");
  if (allocations)
    names.push_back("allocations");
  return names;
}

int Settings::instruction_processes() const {
  if (!measures().instructions)
    return 0;
  return std::min(processes.value_or(1), kCountingProcesses);
}

std::string to_string(BudgetMetric metric) {
  return util::name_of(kMetricNames, metric);
}

const std::vector<BudgetMetric>& all_budget_metrics() {
  static const std::vector<BudgetMetric> metrics = [] {
    std::vector<BudgetMetric> all;
    for (const auto& [metric, name] : kMetricNames)
      all.push_back(metric);
    return all;
  }();
  return metrics;
}

std::optional<BudgetMetric> budget_metric_from_string(std::string_view name) {
  return util::value_of(kMetricNames, name);
}

void to_json(nlohmann::json& json, const BudgetSpec& budget) {
  json = {{"metric", to_string(budget.metric)}, {"limit", budget.limit}, {"hard", budget.hard}};
  if (budget.metric == BudgetMetric::min_throughput)
    json["bytes"] = budget.bytes_rate;
  if (!budget.counter.empty())
    json["counter"] = budget.counter;
  if (!budget.to.empty())
    json["to"] = budget.to;
}

void from_json(const nlohmann::json& json, BudgetSpec& budget) {
  const auto name = json.at("metric").get<std::string>();
  const auto metric = budget_metric_from_string(name);
  if (!metric)
    throw StorageError("unknown budget metric '" + name + "' in the database");
  budget.metric = *metric;
  budget.limit = json.at("limit").get<double>();
  budget.hard = json.value("hard", true);
  budget.bytes_rate = json.value("bytes", true);
  budget.counter = json.value("counter", std::string());
  budget.to = json.value("to", std::string());
}

void to_json(nlohmann::json& json, const LoadSpec& load) {
  json = {{"operation", load.operation}, {"rate", load.rate},
          {"duration", load.duration},   {"ramp_up", load.ramp_up},
          {"threads", load.threads},     {"arrival", load.poisson ? "poisson" : "constant"},
          {"warmup", load.warmup}};
  if (load.burst) {
    json["burst"] = {
        {"rate", load.burst->rate}, {"duration", load.burst->duration}, {"at", load.burst->at}};
  }
}

void from_json(const nlohmann::json& json, LoadSpec& load) {
  load.operation = json.at("operation").get<std::string>();
  load.rate = json.at("rate").get<double>();
  load.duration = json.at("duration").get<double>();
  load.ramp_up = json.value("ramp_up", 0.0);
  load.threads = json.value("threads", 1);
  const std::string arrival = json.value("arrival", std::string("constant"));
  if (arrival != "constant" && arrival != "poisson")
    throw StorageError("unknown arrival '" + arrival + "' in the database");
  load.poisson = arrival == "poisson";
  load.warmup = json.value("warmup", 0.0);
  if (const auto burst = json.find("burst"); burst != json.end()) {
    load.burst = LoadBurst{burst->at("rate").get<double>(), burst->at("duration").get<double>(),
                           burst->at("at").get<double>()};
  }
}

void to_json(nlohmann::json& json, const ResultSettings& settings) {
  json = nlohmann::json::object();
  const Settings& m = settings.measure;
  write_if_set(json, "processes", m.processes);
  write_if_set(json, "repetitions", m.repetitions);
  write_if_set(json, "min_time", m.min_time);
  write_if_set(json, "warmup", m.warmup);
  write_if_set(json, "timeout", m.timeout);
  write_if_set(json, "runs", m.runs);
  write_if_set(json, "warmup_runs", m.warmup_runs);
  // Written only when they differ from time alone, so that earlier settings read the same.
  if (m.measurement && *m.measurement != Measures{}) {
    json["measure"] = m.measurement->names();
  }
  if (m.cache_simulation.value_or(false))
    json["cache_simulation"] = true;
  if (m.affinity)
    json["affinity"] = m.affinity->to_string();
  if (!settings.command.empty())
    json["command"] = settings.command;
  if (!settings.file.empty())
    json["file"] = settings.file;
  if (settings.load)
    json["load"] = *settings.load;
  if (settings.imported)
    json["imported"] = true;
  json["policy"] = settings.policy;
  json["budgets"] = settings.budgets;
}

void from_json(const nlohmann::json& json, ResultSettings& settings) {
  Settings& m = settings.measure;
  read_if_present(json, "processes", m.processes);
  read_if_present(json, "repetitions", m.repetitions);
  read_if_present(json, "min_time", m.min_time);
  read_if_present(json, "warmup", m.warmup);
  read_if_present(json, "timeout", m.timeout);
  read_if_present(json, "runs", m.runs);
  read_if_present(json, "warmup_runs", m.warmup_runs);
  if (const auto found = json.find("measure"); found != json.end()) {
    m.measurement = Measures::from_names(found->get<std::vector<std::string>>());
    if (!m.measurement)
      throw StorageError("unknown measures " + found->dump() + " in the database");
  }
  read_if_present(json, "cache_simulation", m.cache_simulation);
  if (const auto affinity = json.find("affinity"); affinity != json.end()) {
    try {
      m.affinity = util::CpuSet::parse(affinity->get<std::string>(), "a stored affinity");
    } catch (const InputError& e) {
      throw StorageError(std::string(e.what()) + " in the database");
    }
  }
  settings.command = json.value("command", std::vector<std::string>());
  settings.file = json.value("file", std::string());
  if (const auto load = json.find("load"); load != json.end())
    settings.load = load->get<LoadSpec>();
  settings.imported = json.value("imported", false);
  settings.policy = json.value("policy", stats::Policy());
  settings.budgets = json.value("budgets", std::vector<BudgetSpec>());
}

}  // namespace benchctl::store

void nlohmann::adl_serializer<benchctl::stats::Policy>::to_json(
    json& json, const benchctl::stats::Policy& policy) {
  json = {{"alpha", policy.alpha},
          {"noise_floor", policy.noise_floor},
          {"warn", policy.warn},
          {"fail", policy.fail},
          {"confidence", policy.confidence},
          {"time", policy.cpu_time ? "cpu" : "real"}};
}

void nlohmann::adl_serializer<benchctl::stats::Policy>::from_json(const json& json,
                                                                  benchctl::stats::Policy& policy) {
  const benchctl::stats::Policy defaults;
  policy.alpha = json.value("alpha", defaults.alpha);
  policy.noise_floor = json.value("noise_floor", defaults.noise_floor);
  policy.warn = json.value("warn", defaults.warn);
  policy.fail = json.value("fail", defaults.fail);
  policy.confidence = json.value("confidence", defaults.confidence);
  const std::string time = json.value("time", std::string("real"));
  if (time != "real" && time != "cpu")
    throw benchctl::StorageError("unknown policy time '" + time + "' in the database");
  policy.cpu_time = time == "cpu";
}
