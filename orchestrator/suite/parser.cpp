#include "suite/parser.h"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "suite/budget_parser.h"
#include "suite/load_parser.h"
#include "suite/settings_parser.h"
#include "suite/yaml_reader.h"
#include "util/error.h"
#include "util/file.h"

namespace benchctl::suite {
namespace {

namespace fs = std::filesystem;

// A suite file is a regular file of at most 1 MiB. Reads it into `text`, or returns what is wrong
// with it.
std::string read_suite_text(const fs::path& path, std::string& text) {
  return util::read_regular_file(path, 1, "a suite file", text).value_or("");
}

class SuiteParser : private YamlReader {
 public:
  // `including` lists the files that include this one, outermost first, to refuse cycles.
  SuiteParser(std::string file, fs::path directory, const Variables& variables,
              std::vector<fs::path> including)
      : YamlReader(std::move(file)),
        directory_(std::move(directory)),
        variables_(variables),
        including_(std::move(including)) {
    variables_["suite_dir"] = directory_.string();
  }

  Suite parse(const std::string& text) {
    const YAML::Node root = load(text);
    Suite suite;
    suite.file = file();
    suite.where = {file(), 1, 1};
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
      check_keys(defaults, where, setting_keys(), "defaults");
      suite.defaults = parse_settings(*this, defaults).overlaid_on(suite.defaults);
    }
    if (const YAML::Node policy = root["policy"])
      suite.policy = parse_policy(*this, policy, suite.where).overlaid_on(suite.policy);
    if (const YAML::Node schedule = root["schedule"])
      suite.schedule = parse_schedule(*this, schedule, suite.where);
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
      chain.push_back(fs::weakly_canonical(fs::path(file()), error));
      if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        std::string cycle;
        for (const fs::path& file : chain)
          cycle += file.filename().string() + " → ";
        fail(item, item_where,
             fmt::format("include cycle: {}{}, expected suites that do not include themselves",
                         cycle, canonical.filename().string()));
      }
      std::string text;
      if (const std::string problem = read_suite_text(path, text); !problem.empty())
        fail(item, item_where,
             fmt::format("cannot read the included suite '{}': {}", path.string(), problem));
      const fs::path directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
      const Suite included = SuiteParser(path.string(), directory, variables_, chain).parse(text);
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
    std::vector<std::string> allowed = {"name", "description", "command", "file_size",
                                        "load", "budgets",     "policy"};
    allowed.insert(allowed.end(), setting_keys().begin(), setting_keys().end());
    check_keys(node, entry.where, allowed, "benchmark entry");
    entry.name = required_string(node, "name", entry.where);
    const char* kinds[] = {"command", "file_size", "load"};
    for (const char* first : kinds) {
      for (const char* second : kinds) {
        if (std::string_view(first) < std::string_view(second) && node[first] && node[second]) {
          fail(node[second], entry.where,
               fmt::format("an entry has both '{}' and '{}', expected one kind", first, second));
        }
      }
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
    } else if (const YAML::Node load = node["load"]) {
      entry.kind = EntryKind::load;
      entry.load = parse_load(*this, load, entry.where);
      check_operation_plugin(load["operation"], *entry.load, entry.where, suite);
    } else {
      check_benchmark_name(node["name"], entry, suite);
    }
    check_settings_apply(node, entry);
    entry.settings = parse_settings(*this, node);
    if (const YAML::Node budgets = node["budgets"])
      parse_budgets(*this, budgets, entry);
    if (const YAML::Node policy = node["policy"])
      entry.policy = parse_policy(*this, policy, entry.where);
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

  void check_operation_plugin(const YAML::Node& node, const store::LoadSpec& load,
                              const SourceLocation& where, const Suite& suite) const {
    const std::size_t slash = load.operation.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == load.operation.size()) {
      fail(node, where,
           fmt::format("operation '{}', expected 'plugin/operation' as `benchctl list operations` "
                       "shows it",
                       load.operation));
    }
    const std::string plugin = load.operation.substr(0, slash);
    if (!has_plugin(suite, plugin)) {
      fail(node, where,
           fmt::format("operation '{}' belongs to plugin '{}', which 'plugins' does not list, "
                       "expected one of the suite's plugins",
                       load.operation, plugin));
    }
  }

  void check_settings_apply(const YAML::Node& node, const Entry& entry) const {
    std::set<std::string> applicable;
    switch (entry.kind) {
      case EntryKind::benchmark:
        applicable = {"processes", "repetitions", "min_time",         "warmup",
                      "timeout",   "measure",     "cache_simulation", "affinity"};
        break;
      case EntryKind::command:
        applicable = {"runs", "warmup_runs", "timeout"};
        break;
      case EntryKind::load:
        applicable = {"processes", "timeout", "affinity"};
        break;
      case EntryKind::file_size:
        break;
    }
    for (const std::string& key : setting_keys()) {
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
  std::string text;
  if (const std::string problem = read_suite_text(file, text); !problem.empty())
    throw InputError(fmt::format("{}: cannot read the suite file: {}", file.string(), problem));
  const fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  return parse_suite(text, file.string(), directory, variables);
}

}  // namespace benchctl::suite
