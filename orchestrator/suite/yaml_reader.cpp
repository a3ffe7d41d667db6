#include "suite/yaml_reader.h"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "util/error.h"
#include "util/units.h"

namespace benchctl::suite {
namespace {

constexpr double kLongestSetting = 24 * 3600;  // seconds

}  // namespace

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

YAML::Node YamlReader::load(const std::string& text) const {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(fmt::format("{}:{}:{}: invalid YAML: {}", file_, e.mark.line + 1,
                                 e.mark.column + 1, e.msg));
  }
}

SourceLocation YamlReader::at(const YAML::Node& node, const SourceLocation& fallback) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null())
    return fallback;
  return {file_, mark.line + 1, mark.column + 1};
}

void YamlReader::fail(const YAML::Node& node, const SourceLocation& fallback,
                      const std::string& message) const {
  throw InputError(at(node, fallback).str() + ": " + message);
}

void YamlReader::expect_map(const YAML::Node& node, const SourceLocation& where,
                            const std::string& what) const {
  if (!node.IsMap())
    fail(node, where, fmt::format("'{}' is {}, expected a mapping", what, describe(node)));
}

void YamlReader::check_keys(const YAML::Node& map, const SourceLocation& where,
                            const std::vector<std::string>& allowed,
                            const std::string& what) const {
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
      fail(key, where, fmt::format("duplicate key '{}' in {}, expected each key once", name, what));
    }
  }
}

std::string YamlReader::string_value(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar() || node.Scalar().empty()) {
    fail(node, {file_, 0, 0},
         fmt::format("'{}' is {}, expected a non-empty string", what, describe(node)));
  }
  return node.Scalar();
}

std::string YamlReader::required_string(const YAML::Node& map, const std::string& key,
                                        const SourceLocation& where) const {
  const YAML::Node node = map[key];
  if (!node)
    fail(map, where, fmt::format("missing key '{}', expected a name", key));
  return string_value(node, key);
}

int YamlReader::positive_int(const YAML::Node& node, const std::string& key) const {
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  const bool digits = !text.empty() && text.size() <= 9 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(text) < 1) {
    fail(node, {file_, 0, 0},
         fmt::format("'{}' is {}, expected a whole number of at least 1", key, describe(node)));
  }
  return std::stoi(text);
}

double YamlReader::duration(const YAML::Node& node, const std::string& key,
                            bool zero_allowed) const {
  const auto seconds = node.IsScalar() ? util::parse_duration_seconds(node.Scalar()) : std::nullopt;
  if (!seconds) {
    fail(node, {file_, 0, 0},
         fmt::format("'{}' is {}, expected a duration with a unit such as 250us, 10ms or 1.5s", key,
                     describe(node)));
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

double YamlReader::fraction(const YAML::Node& node, const std::string& key, bool percent,
                            double low, double high) const {
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

}  // namespace benchctl::suite
