#include "suite/budget_parser.h"

#include <fmt/format.h>
#include <set>

#include "suite/load_parser.h"
#include "util/units.h"

namespace benchctl::suite {
namespace {

// Bytes per minute: "1MB/min", or a size per second ("16KB/s") scaled to a minute.
std::optional<double> parse_size_per_minute(const std::string& text) {
  if (text.ends_with("/min"))
    return util::parse_size_bytes(std::string_view(text).substr(0, text.size() - 4));
  if (const auto rate = util::parse_rate(text); rate && rate->is_bytes)
    return rate->per_second * 60;
  return std::nullopt;
}

void check_budget_applies(const YamlReader& yaml, const YAML::Node& key, BudgetMetric metric,
                          const Entry& entry) {
  bool applies = true;
  switch (metric) {
    case BudgetMetric::max_size:
      applies = entry.kind == EntryKind::file_size;
      break;
    case BudgetMetric::min_throughput:
    case BudgetMetric::max_instructions:
    case BudgetMetric::max_allocs:
    case BudgetMetric::max_alloc_bytes:
      applies = entry.kind == EntryKind::benchmark;
      break;
    case BudgetMetric::min_counter:
    case BudgetMetric::max_counter:
      applies = entry.kind == EntryKind::benchmark || entry.kind == EntryKind::command;
      break;
    case BudgetMetric::p999:
    case BudgetMetric::min_success_rate:
    case BudgetMetric::min_achieved_rate:
    case BudgetMetric::max_recovery_time:
    case BudgetMetric::max_rss_slope:
    case BudgetMetric::max_degradation:
      applies = entry.kind == EntryKind::load;
      break;
    case BudgetMetric::max_ratio:
      applies = entry.kind == EntryKind::benchmark || entry.kind == EntryKind::command;
      break;
    default:
      applies = entry.kind != EntryKind::file_size;
      break;
  }
  if (!applies) {
    const char* expected = "";
    switch (entry.kind) {
      case EntryKind::file_size:
        expected = "max_size";
        break;
      case EntryKind::command:
        expected = "a time budget (median, p95, ...), max_rss, max_ratio or a counter";
        break;
      case EntryKind::benchmark:
        expected =
            "a time budget (median, p95, ...), max_rss, min_throughput, max_instructions, "
            "max_allocs, max_alloc_bytes, max_ratio or a counter";
        break;
      case EntryKind::load:
        expected =
            "a latency budget (median, p95, p99, p999, max, ...), max_rss, min_success_rate, "
            "min_achieved_rate, max_recovery_time, max_rss_slope or max_degradation";
        break;
    }
    yaml.fail(key, entry.where,
              fmt::format("budget '{}' does not apply to a {} entry, expected {}",
                          to_string(metric), to_string(entry.kind), expected));
  }
}

void parse_budget_limit(const YamlReader& yaml, const YAML::Node& value, const std::string& key,
                        Budget& budget) {
  const std::string text = value.IsScalar() ? value.Scalar() : "";
  std::optional<double> limit;
  const char* expected = "a duration such as 100ms";
  if (budget.metric == BudgetMetric::max_ratio) {
    limit = util::parse_number(text);
    expected = "a ratio such as 1.5";
  } else if (budget.metric == BudgetMetric::max_instructions) {
    limit = util::parse_count(text);
    expected = "a number of instructions per iteration such as 1500 or 12M";
  } else if (budget.metric == BudgetMetric::max_allocs) {
    limit = util::parse_count(text);
    expected = "a number of allocations per iteration such as 0 or 2";
    if (limit && *limit == 0)
      return;  // held to no allocation at all
  } else if (budget.metric == BudgetMetric::max_alloc_bytes) {
    limit = util::parse_size_bytes(text);
    expected = "a size allocated per iteration such as 0 or 4KB";
    if (limit && *limit == 0)
      return;
  } else if (budget.metric == BudgetMetric::min_counter ||
             budget.metric == BudgetMetric::max_counter) {
    limit = util::parse_number(text);
    expected = "a number";
    if (limit && *limit == 0)
      return;  // a counter may be held to zero
  } else if (budget.metric == BudgetMetric::min_success_rate ||
             budget.metric == BudgetMetric::max_degradation) {
    limit = util::parse_percent(text);
    expected = "a percentage such as 5%";
    if (budget.metric == BudgetMetric::min_success_rate) {
      expected = "a percentage of at most 100% such as 99%,";
      if (limit && *limit > 1)
        limit.reset();
    }
  } else if (budget.metric == BudgetMetric::min_achieved_rate) {
    limit = parse_request_rate(text);
    expected = "requests per second such as 2000/s";
  } else if (budget.metric == BudgetMetric::max_rss_slope) {
    limit = parse_size_per_minute(text);
    expected = "a growth per minute such as 1MB/min";
  } else if (budget.metric == BudgetMetric::max_rss || budget.metric == BudgetMetric::max_size) {
    limit = util::parse_size_bytes(text);
    expected = "a size such as 20MB";
  } else if (budget.metric == BudgetMetric::min_throughput) {
    const auto rate = util::parse_rate(text);
    if (rate) {
      limit = rate->per_second;
      budget.bytes_rate = rate->is_bytes;
    }
    expected = "a rate such as 1GB/s or 50K/s";
  } else {
    limit = util::parse_duration_seconds(text);
  }
  if (!limit || *limit <= 0) {
    yaml.fail(value, budget.where,
              fmt::format("budget '{}' is {}, expected {} greater than 0", key, describe(value),
                          expected));
  }
  budget.limit = *limit;
}

// A budget's value: a limit, or {limit: ..., soft: true|false}; max_ratio: {to: NAME,
// limit: ...}.
Budget parse_budget(const YamlReader& yaml, YAML::Node value, const std::string& key,
                    BudgetMetric metric, const SourceLocation& where, const std::string& counter) {
  Budget budget;
  budget.metric = metric;
  budget.counter = counter;
  budget.where = where;
  const bool relative = metric == BudgetMetric::max_ratio;
  if (relative && !value.IsMap()) {
    yaml.fail(value, where,
              fmt::format("budget 'max_ratio' is {}, expected {{to: ENTRY, limit: N}}, the largest "
                          "ratio of this entry's median time to ENTRY's",
                          describe(value)));
  }
  if (value.IsMap()) {
    yaml.check_keys(value, where,
                    relative ? std::vector<std::string>{"to", "limit", "soft"}
                             : std::vector<std::string>{"limit", "soft"},
                    "budget '" + key + "'");
    if (relative) {
      if (!value["to"])
        yaml.fail(value, where,
                  "budget 'max_ratio' has no 'to', expected the entry it is relative to");
      budget.to = yaml.string_value(value["to"], "to");
    }
    if (const YAML::Node soft = value["soft"]) {
      if (!soft.IsScalar() || (soft.Scalar() != "true" && soft.Scalar() != "false")) {
        yaml.fail(soft, where, fmt::format("'soft' is {}, expected true or false", describe(soft)));
      }
      budget.hard = soft.Scalar() != "true";
    }
    if (!value["limit"])
      yaml.fail(value, where, fmt::format("budget '{}' has no 'limit'", key));
    value = value["limit"];
  }
  parse_budget_limit(yaml, value, key, budget);
  return budget;
}

}  // namespace

void parse_budgets(const YamlReader& yaml, const YAML::Node& node, Entry& entry) {
  const SourceLocation where = yaml.at(node, entry.where);
  yaml.expect_map(node, where, "budgets");
  std::vector<std::string> names;
  for (const BudgetMetric metric : store::all_budget_metrics())
    names.push_back(to_string(metric));
  yaml.check_keys(node, where, names, "budgets");
  for (const auto& pair : node) {
    const std::string key = pair.first.Scalar();
    const BudgetMetric metric = *store::budget_metric_from_string(key);
    check_budget_applies(yaml, pair.first, metric, entry);
    if (metric != BudgetMetric::min_counter && metric != BudgetMetric::max_counter) {
      entry.budgets.push_back(
          parse_budget(yaml, pair.second, key, metric, yaml.at(pair.first, where), ""));
      continue;
    }
    // min_counter: {recall_at_10: 0.95}: one budget per named counter.
    const SourceLocation counters_where = yaml.at(pair.second, where);
    if (!pair.second.IsMap() || pair.second.size() == 0) {
      yaml.fail(pair.second, counters_where,
                fmt::format("'{}' is {}, expected a mapping of counter names to limits", key,
                            describe(pair.second)));
    }
    std::set<std::string> seen;
    for (const auto& counter : pair.second) {
      const std::string name = counter.first.IsScalar() ? counter.first.Scalar() : "";
      if (name.empty() || !seen.insert(name).second) {
        yaml.fail(counter.first, counters_where,
                  fmt::format("counter {} in '{}', expected each counter name once",
                              describe(counter.first), key));
      }
      entry.budgets.push_back(parse_budget(yaml, counter.second, key + "." + name, metric,
                                           yaml.at(counter.first, where), name));
    }
  }
}

}  // namespace benchctl::suite
