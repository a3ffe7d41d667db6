#include "suite/parser.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "util/error.h"
#include "util/units.h"

namespace benchctl::suite {
namespace {

namespace fs = std::filesystem;

constexpr double kLongestSetting = 24 * 3600;  // seconds

constexpr const char* kSettingKeys[] = {"processes", "repetitions", "min_time",   "warmup",
                                        "timeout",   "runs",        "warmup_runs"};

std::string join(const std::vector<std::string>& words) {
  std::string joined;
  for (const auto& word : words)
    joined += (joined.empty() ? "" : ", ") + word;
  return joined;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "nothing";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
  }
  return "something else";
}

class SuiteParser {
 public:
  // `including` lists the files that include this one, outermost first, to refuse cycles.
  SuiteParser(std::string file, fs::path directory, const Variables& variables,
              std::vector<fs::path> including)
      : file_(std::move(file)),
        directory_(std::move(directory)),
        variables_(variables),
        including_(std::move(including)) {
    variables_["suite_dir"] = directory_.string();
  }

  Suite parse(const std::string& text) {
    const YAML::Node root = load_yaml(text);
    Suite suite;
    suite.file = file_;
    suite.where = {file_, 1, 1};
    if (!root.IsMap()) {
      fail(root, suite.where,
           fmt::format("found {}, expected a mapping with the keys suite, "
                       "plugins, defaults and benchmarks",
                       describe(root)));
    }
    check_keys(root, suite.where,
               {"suite", "description", "include", "plugins", "defaults", "policy", "schedule",
                "benchmarks"},
               "suite");
    suite.name = required_string(root, "suite", suite.where);
    if (root["description"])
      suite.description = string_value(root["description"], "description");
    // Included suites come first: their plugins, defaults, policy and entries, with this file's
    // laid over them, so that a later entry overrides an included one.
    suite.defaults = builtin_defaults();
    if (const YAML::Node include = root["include"])
      include_suites(include, suite);
    if (const YAML::Node plugins = root["plugins"])
      parse_plugins(plugins, suite);
    if (const YAML::Node defaults = root["defaults"]) {
      const SourceLocation where = at(defaults, suite.where);
      expect_map(defaults, where, "defaults");
      check_keys(defaults, where,
                 std::vector<std::string>(std::begin(kSettingKeys), std::end(kSettingKeys)),
                 "defaults");
      suite.defaults = parse_settings(defaults).overlaid_on(suite.defaults);
    }
    if (const YAML::Node policy = root["policy"])
      suite.policy = parse_policy(policy, suite.where).overlaid_on(suite.policy);
    if (const YAML::Node schedule = root["schedule"])
      suite.schedule = parse_schedule(schedule, suite.where);
    const YAML::Node benchmarks = root["benchmarks"];
    if (!benchmarks)
      fail(root, suite.where, "missing key 'benchmarks', expected a list of benchmarks");
    const SourceLocation list_where = at(benchmarks, suite.where);
    if (!benchmarks.IsSequence() || benchmarks.size() == 0) {
      fail(benchmarks, list_where,
           fmt::format("'benchmarks' is {}, expected a list of at least one benchmark",
                       describe(benchmarks)));
    }
    std::set<std::string> named_entries;
    for (const YAML::Node& node : benchmarks) {
      Entry entry = parse_entry(node, list_where, suite);
      if (entry.kind != EntryKind::benchmark && !named_entries.insert(entry.name).second) {
        fail(node, entry.where,
             fmt::format("a second entry named '{}', expected unique names", entry.name));
      }
      suite.entries.push_back(std::move(entry));
    }
    return suite;
  }

 private:
  YAML::Node load_yaml(const std::string& text) const {
    try {
      return YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw InputError(fmt::format("{}:{}:{}: invalid YAML: {}", file_, e.mark.line + 1,
                                   e.mark.column + 1, e.msg));
    }
  }

  SourceLocation at(const YAML::Node& node, const SourceLocation& fallback) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null())
      return fallback;
    return {file_, mark.line + 1, mark.column + 1};
  }

  [[noreturn]] void fail(const YAML::Node& node, const SourceLocation& fallback,
                         const std::string& message) const {
    throw InputError(at(node, fallback).str() + ": " + message);
  }

  void expect_map(const YAML::Node& node, const SourceLocation& where,
                  const std::string& what) const {
    if (!node.IsMap())
      fail(node, where, fmt::format("'{}' is {}, expected a mapping", what, describe(node)));
  }

  // Unknown and duplicate keys are errors: a typo must never drop a setting silently.
  void check_keys(const YAML::Node& map, const SourceLocation& where,
                  const std::vector<std::string>& allowed, const std::string& what) const {
    std::set<std::string> seen;
    for (const auto& pair : map) {
      const YAML::Node& key = pair.first;
      if (!key.IsScalar())
        fail(key, where,
             fmt::format("found {} as a key in {}, expected a name", describe(key), what));
      const std::string& name = key.Scalar();
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        fail(key, where,
             fmt::format("unknown key '{}' in {}, expected one of: {}", name, what, join(allowed)));
      }
      if (!seen.insert(name).second) {
        fail(key, where,
             fmt::format("duplicate key '{}' in {}, expected each key once", name, what));
      }
    }
  }

  std::string string_value(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar() || node.Scalar().empty()) {
      fail(node, {file_, 0, 0},
           fmt::format("'{}' is {}, expected a non-empty string", what, describe(node)));
    }
    return node.Scalar();
  }

  std::string required_string(const YAML::Node& map, const std::string& key,
                              const SourceLocation& where) const {
    const YAML::Node node = map[key];
    if (!node)
      fail(map, where, fmt::format("missing key '{}', expected a name", key));
    return string_value(node, key);
  }

  void include_suites(const YAML::Node& node, Suite& suite) const {
    const SourceLocation where = at(node, suite.where);
    std::vector<YAML::Node> items;
    if (node.IsScalar()) {
      items.push_back(node);
    } else if (node.IsSequence() && node.size() > 0) {
      for (const YAML::Node& item : node)
        items.push_back(item);
    } else {
      fail(node, where,
           fmt::format("'include' is {}, expected a suite file or a list of them", describe(node)));
    }
    for (const YAML::Node& item : items) {
      const SourceLocation item_where = at(item, where);
      if (!item.IsScalar() || item.Scalar().empty()) {
        fail(item, item_where,
             fmt::format("an include is {}, expected a suite file", describe(item)));
      }
      const fs::path path = (directory_ / substitute(item, item_where)).lexically_normal();
      std::error_code error;
      const fs::path canonical = fs::weakly_canonical(path, error);
      std::vector<fs::path> chain = including_;
      chain.push_back(fs::weakly_canonical(fs::path(file_), error));
      if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        std::string cycle;
        for (const fs::path& file : chain)
          cycle += file.filename().string() + " → ";
        fail(item, item_where,
             fmt::format("include cycle: {}{}, expected suites that do not include themselves",
                         cycle, canonical.filename().string()));
      }
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        fail(item, item_where,
             fmt::format("cannot read the included suite '{}': {}", path.string(),
                         std::strerror(errno)));
      }
      std::ostringstream text;
      text << in.rdbuf();
      const fs::path directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
      const Suite included =
          SuiteParser(path.string(), directory, variables_, chain).parse(text.str());
      for (const PluginReference& plugin : included.plugins) {
        if (!has_plugin(suite, plugin.name))
          suite.plugins.push_back(plugin);
      }
      suite.defaults = included.defaults.overlaid_on(suite.defaults);
      suite.policy = included.policy.overlaid_on(suite.policy);
      if (included.schedule)
        suite.schedule = included.schedule;
      suite.entries.insert(suite.entries.end(), included.entries.begin(), included.entries.end());
    }
  }

  static bool has_plugin(const Suite& suite, const std::string& name) {
    return std::any_of(suite.plugins.begin(), suite.plugins.end(),
                       [&](const PluginReference& p) { return p.name == name; });
  }

  void parse_plugins(const YAML::Node& node, Suite& suite) const {
    const SourceLocation where = at(node, suite.where);
    if (!node.IsSequence()) {
      fail(node, where,
           fmt::format("'plugins' is {}, expected a list of plugin names", describe(node)));
    }
    std::set<std::string> own;
    for (const YAML::Node& item : node) {
      PluginReference plugin{string_value(item, "plugin name"), at(item, where)};
      if (!own.insert(plugin.name).second) {
        fail(item, where,
             fmt::format("plugin '{}' listed twice, expected each plugin once", plugin.name));
      }
      if (has_plugin(suite, plugin.name))
        continue;  // listed by an included suite too
      suite.plugins.push_back(std::move(plugin));
    }
  }

  int positive_int(const YAML::Node& node, const std::string& key) const {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    const bool digits = !text.empty() && text.size() <= 9 &&
                        text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(text) < 1) {
      fail(node, {file_, 0, 0},
           fmt::format("'{}' is {}, expected a whole number of at least 1", key, describe(node)));
    }
    return std::stoi(text);
  }

  double duration(const YAML::Node& node, const std::string& key, bool zero_allowed) const {
    const auto seconds =
        node.IsScalar() ? util::parse_duration_seconds(node.Scalar()) : std::nullopt;
    if (!seconds) {
      fail(node, {file_, 0, 0},
           fmt::format("'{}' is {}, expected a duration with a unit such as 250us, 10ms or 1.5s",
                       key, describe(node)));
    }
    if (*seconds < 0 || (*seconds == 0 && !zero_allowed)) {
      fail(node, {file_, 0, 0},
           fmt::format("'{}' is {}, expected a duration {} 0", key, describe(node),
                       zero_allowed ? "of at least" : "greater than"));
    }
    // Settings become deadlines and Google Benchmark flags: beyond a day they are a typo, and far
    // beyond it they would overflow a clock.
    if (*seconds > kLongestSetting) {
      fail(node, {file_, 0, 0},
           fmt::format("'{}' is {}, expected a duration of at most a day (1440min)", key,
                       describe(node)));
    }
    return *seconds;
  }

  Settings parse_settings(const YAML::Node& map) const {
    Settings settings;
    if (const auto n = map["processes"])
      settings.processes = positive_int(n, "processes");
    if (const auto n = map["repetitions"])
      settings.repetitions = positive_int(n, "repetitions");
    if (const auto n = map["min_time"])
      settings.min_time = duration(n, "min_time", false);
    if (const auto n = map["warmup"])
      settings.warmup = duration(n, "warmup", true);
    if (const auto n = map["timeout"])
      settings.timeout = duration(n, "timeout", false);
    if (const auto n = map["runs"])
      settings.runs = positive_int(n, "runs");
    if (const auto n = map["warmup_runs"]) {
      settings.warmup_runs = n.IsScalar() && n.Scalar() == "0" ? 0 : positive_int(n, "warmup_runs");
    }
    return settings;
  }

  // Replaces ${name} with its value; an unknown name is an error.
  std::string substitute(const YAML::Node& node, const SourceLocation& where) const {
    const std::string& text = node.Scalar();
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      if (text.compare(i, 2, "${") != 0) {
        out += text[i++];
        continue;
      }
      const std::size_t close = text.find('}', i);
      if (close == std::string::npos)
        fail(node, where, fmt::format("unterminated '${{' in '{}', expected ${{name}}", text));
      const std::string name = text.substr(i + 2, close - i - 2);
      const auto found = variables_.find(name);
      if (found == variables_.end()) {
        std::vector<std::string> known;
        for (const auto& [key, value] : variables_)
          known.push_back("${" + key + "}");
        fail(node, where,
             fmt::format("unknown variable '${{{}}}', expected one of: {}", name, join(known)));
      }
      out += found->second;
      i = close + 1;
    }
    return out;
  }

  Entry parse_entry(const YAML::Node& node, const SourceLocation& list_where,
                    const Suite& suite) const {
    Entry entry;
    entry.where = at(node, list_where);
    if (node.IsScalar()) {
      entry.name = string_value(node, "benchmark name");
      check_benchmark_name(node, entry, suite);
      return entry;
    }
    if (!node.IsMap()) {
      fail(node, entry.where,
           fmt::format("a benchmark entry is {}, expected a name or a mapping with 'name'",
                       describe(node)));
    }
    std::vector<std::string> allowed = {"name",      "description", "command",
                                        "file_size", "budgets",     "policy"};
    allowed.insert(allowed.end(), std::begin(kSettingKeys), std::end(kSettingKeys));
    check_keys(node, entry.where, allowed, "benchmark entry");
    entry.name = required_string(node, "name", entry.where);
    if (node["command"] && node["file_size"]) {
      fail(node["file_size"], entry.where,
           "an entry has both 'command' and 'file_size', expected one kind");
    }
    if (const YAML::Node command = node["command"]) {
      entry.kind = EntryKind::command;
      parse_command(command, entry);
    } else if (const YAML::Node file = node["file_size"]) {
      entry.kind = EntryKind::file_size;
      if (!file.IsScalar() || file.Scalar().empty()) {
        fail(file, entry.where,
             fmt::format("'file_size' is {}, expected a file path", describe(file)));
      }
      fs::path path = substitute(file, entry.where);
      entry.file = (path.is_absolute() ? path : directory_ / path).lexically_normal().string();
    } else {
      check_benchmark_name(node["name"], entry, suite);
    }
    check_settings_apply(node, entry);
    entry.settings = parse_settings(node);
    if (const YAML::Node budgets = node["budgets"])
      parse_budgets(budgets, entry);
    if (const YAML::Node policy = node["policy"])
      entry.policy = parse_policy(policy, entry.where);
    return entry;
  }

  void check_benchmark_name(const YAML::Node& node, const Entry& entry, const Suite& suite) const {
    const std::size_t slash = entry.name.find('/');
    const std::string plugin = entry.name.substr(0, slash);
    if (slash == std::string::npos || slash == 0 || slash + 1 == entry.name.size()) {
      fail(node, entry.where,
           fmt::format("benchmark name '{}', expected 'plugin/benchmark' (a glob after "
                       "the slash is allowed), or a 'command' or 'file_size' entry",
                       entry.name));
    }
    if (plugin.find_first_of("*?[") != std::string::npos) {
      fail(node, entry.where,
           fmt::format("benchmark name '{}' has a pattern in its plugin part, expected "
                       "a plugin name before the first '/'",
                       entry.name));
    }
    const bool listed = std::any_of(suite.plugins.begin(), suite.plugins.end(),
                                    [&](const PluginReference& p) { return p.name == plugin; });
    if (!listed) {
      fail(node, entry.where,
           fmt::format("benchmark '{}' belongs to plugin '{}', which 'plugins' does not "
                       "list, expected one of the suite's plugins",
                       entry.name, plugin));
    }
  }

  void check_settings_apply(const YAML::Node& node, const Entry& entry) const {
    std::set<std::string> applicable;
    switch (entry.kind) {
      case EntryKind::benchmark:
        applicable = {"processes", "repetitions", "min_time", "warmup", "timeout"};
        break;
      case EntryKind::command:
        applicable = {"runs", "warmup_runs", "timeout"};
        break;
      case EntryKind::file_size:
        break;
    }
    for (const char* key : kSettingKeys) {
      if (node[key] && !applicable.contains(key)) {
        fail(node[key], entry.where,
             fmt::format("'{}' does not apply to a {} entry, expected only: {}", key,
                         to_string(entry.kind),
                         applicable.empty() ? "name, budgets"
                                            : join({applicable.begin(), applicable.end()})));
      }
    }
  }

  void parse_command(const YAML::Node& node, Entry& entry) const {
    const SourceLocation where = at(node, entry.where);
    if (node.IsScalar() && !node.Scalar().empty()) {
      entry.command = {"/bin/sh", "-c", substitute(node, where)};
      return;
    }
    if (!node.IsSequence() || node.size() == 0) {
      fail(node, where,
           fmt::format("'command' is {}, expected a shell command or a list of arguments",
                       describe(node)));
    }
    for (const YAML::Node& argument : node) {
      if (!argument.IsScalar()) {
        fail(argument, where,
             fmt::format("a command argument is {}, expected a string", describe(argument)));
      }
      entry.command.push_back(substitute(argument, at(argument, where)));
    }
    if (entry.command.front().empty())
      fail(node, where, "the command's program is empty, expected a program");
  }

  double fraction(const YAML::Node& node, const std::string& key, bool percent, double low,
                  double high) const {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    std::optional<double> value;
    if (percent) {
      value = util::parse_percent(text);
    } else {
      value = util::parse_number(text);
    }
    if (!value || *value <= low || *value >= high) {
      const std::string range =
          percent ? fmt::format("a percentage between {}% and {}%", low * 100, high * 100)
                  : fmt::format("a number between {} and {}", low, high);
      fail(node, {file_, 0, 0}, fmt::format("'{}' is {}, expected {}", key, describe(node), range));
    }
    return *value;
  }

  Schedule parse_schedule(const YAML::Node& node, const SourceLocation& parent) const {
    if (node.IsScalar() && node.Scalar() == "interleaved")
      return Schedule::interleaved;
    if (node.IsScalar() && node.Scalar() == "sequential")
      return Schedule::sequential;
    fail(node, parent,
         fmt::format("'schedule' is {}, expected interleaved (process k of every benchmark before "
                     "process k+1 of any) or sequential",
                     describe(node)));
  }

  PolicySettings parse_policy(const YAML::Node& node, const SourceLocation& parent) const {
    const SourceLocation where = at(node, parent);
    expect_map(node, where, "policy");
    check_keys(node, where, {"alpha", "noise_floor", "warn", "fail", "confidence", "time"},
               "policy");
    PolicySettings policy;
    if (const auto n = node["alpha"])
      policy.alpha = fraction(n, "alpha", false, 0, 1);
    if (const auto n = node["noise_floor"])
      policy.noise_floor = fraction(n, "noise_floor", true, -1e-12, 1);
    if (const auto n = node["warn"])
      policy.warn = fraction(n, "warn", true, 0, 10);
    if (const auto n = node["fail"])
      policy.fail = fraction(n, "fail", true, 0, 10);
    if (const auto n = node["confidence"])
      policy.confidence = fraction(n, "confidence", true, 0.5, 1);
    if (const auto n = node["time"]) {
      if (!n.IsScalar() || (n.Scalar() != "real" && n.Scalar() != "cpu")) {
        fail(n, where, fmt::format("'time' is {}, expected real (wall time) or cpu", describe(n)));
      }
      policy.cpu_time = n.Scalar() == "cpu";
    }
    if (policy.warn && policy.fail && *policy.warn > *policy.fail) {
      fail(node["warn"], where,
           fmt::format("'warn' is {}, expected at most 'fail' ({})", describe(node["warn"]),
                       node["fail"].Scalar()));
    }
    return policy;
  }

  void parse_budgets(const YAML::Node& node, Entry& entry) const {
    const SourceLocation where = at(node, entry.where);
    expect_map(node, where, "budgets");
    std::vector<std::string> names;
    for (const BudgetMetric metric : store::all_budget_metrics())
      names.push_back(to_string(metric));
    check_keys(node, where, names, "budgets");
    for (const auto& pair : node) {
      const std::string key = pair.first.Scalar();
      const BudgetMetric metric = *store::budget_metric_from_string(key);
      check_budget_applies(pair.first, metric, entry);
      if (metric != BudgetMetric::min_counter && metric != BudgetMetric::max_counter) {
        entry.budgets.push_back(parse_budget(pair.second, key, metric, at(pair.first, where), ""));
        continue;
      }
      // min_counter: {recall_at_10: 0.95}: one budget per named counter.
      const SourceLocation counters_where = at(pair.second, where);
      if (!pair.second.IsMap() || pair.second.size() == 0) {
        fail(pair.second, counters_where,
             fmt::format("'{}' is {}, expected a mapping of counter names to limits", key,
                         describe(pair.second)));
      }
      std::set<std::string> seen;
      for (const auto& counter : pair.second) {
        const std::string name = counter.first.IsScalar() ? counter.first.Scalar() : "";
        if (name.empty() || !seen.insert(name).second) {
          fail(counter.first, counters_where,
               fmt::format("counter {} in '{}', expected each counter name once",
                           describe(counter.first), key));
        }
        entry.budgets.push_back(
            parse_budget(counter.second, key + "." + name, metric, at(counter.first, where), name));
      }
    }
  }

  // A budget's value: a limit, or {limit: ..., soft: true|false}; max_ratio: {to: NAME,
  // limit: ...}.
  Budget parse_budget(YAML::Node value, const std::string& key, BudgetMetric metric,
                      const SourceLocation& where, const std::string& counter) const {
    Budget budget;
    budget.metric = metric;
    budget.counter = counter;
    budget.where = where;
    const bool relative = metric == BudgetMetric::max_ratio;
    if (relative && !value.IsMap()) {
      fail(value, where,
           fmt::format("budget 'max_ratio' is {}, expected {{to: ENTRY, limit: N}}, the largest "
                       "ratio of this entry's median time to ENTRY's",
                       describe(value)));
    }
    if (value.IsMap()) {
      check_keys(value, where,
                 relative ? std::vector<std::string>{"to", "limit", "soft"}
                          : std::vector<std::string>{"limit", "soft"},
                 "budget '" + key + "'");
      if (relative) {
        if (!value["to"])
          fail(value, where,
               "budget 'max_ratio' has no 'to', expected the entry it is relative to");
        budget.to = string_value(value["to"], "to");
      }
      if (const YAML::Node soft = value["soft"]) {
        if (!soft.IsScalar() || (soft.Scalar() != "true" && soft.Scalar() != "false")) {
          fail(soft, where, fmt::format("'soft' is {}, expected true or false", describe(soft)));
        }
        budget.hard = soft.Scalar() != "true";
      }
      if (!value["limit"])
        fail(value, where, fmt::format("budget '{}' has no 'limit'", key));
      value = value["limit"];
    }
    parse_budget_limit(value, key, budget);
    return budget;
  }

  void check_budget_applies(const YAML::Node& key, BudgetMetric metric, const Entry& entry) const {
    bool applies = true;
    switch (metric) {
      case BudgetMetric::max_size:
        applies = entry.kind == EntryKind::file_size;
        break;
      case BudgetMetric::min_throughput:
        applies = entry.kind == EntryKind::benchmark;
        break;
      case BudgetMetric::min_counter:
      case BudgetMetric::max_counter:
        applies = entry.kind != EntryKind::file_size;
        break;
      default:
        applies = entry.kind != EntryKind::file_size;
        break;
    }
    if (!applies) {
      fail(key, entry.where,
           fmt::format("budget '{}' does not apply to a {} entry, expected {}", to_string(metric),
                       to_string(entry.kind),
                       entry.kind == EntryKind::file_size ? "max_size"
                       : entry.kind == EntryKind::command
                           ? "a time budget (median, p95, ...) or max_rss"
                           : "a time budget (median, p95, ...), max_rss or min_throughput"));
    }
  }

  void parse_budget_limit(const YAML::Node& value, const std::string& key, Budget& budget) const {
    const std::string text = value.IsScalar() ? value.Scalar() : "";
    std::optional<double> limit;
    const char* expected = "a duration such as 100ms";
    if (budget.metric == BudgetMetric::max_ratio) {
      limit = util::parse_number(text);
      expected = "a ratio such as 1.5";
    } else if (budget.metric == BudgetMetric::min_counter ||
               budget.metric == BudgetMetric::max_counter) {
      limit = util::parse_number(text);
      expected = "a number";
      if (limit && *limit == 0)
        return;  // a counter may be held to zero
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
      fail(value, budget.where,
           fmt::format("budget '{}' is {}, expected {} greater than 0", key, describe(value),
                       expected));
    }
    budget.limit = *limit;
  }

  std::string file_;
  fs::path directory_;
  Variables variables_;
  std::vector<fs::path> including_;
};

}  // namespace

Suite parse_suite(const std::string& text, const std::string& display_name,
                  const std::filesystem::path& directory, const Variables& variables) {
  return SuiteParser(display_name, directory, variables, {}).parse(text);
}

Suite load_suite(const std::filesystem::path& file, const Variables& variables) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError(
        fmt::format("{}: cannot read the suite file: {}", file.string(), std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  const fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  return parse_suite(text.str(), file.string(), directory, variables);
}

}  // namespace benchctl::suite
