// Reading validated YAML: every error one InputError line "file:line:column: what was found,
// what was expected" (yaml-cpp's positions are 0-based; a missing key has none, so the parent's
// is used). The suite parser, settings, policy and budget parsers build on it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "suite/suite.h"

namespace benchctl::suite {

// "'abc'", "a list", "a mapping", "nothing": how a node is named in a message.
std::string describe(const YAML::Node& node);
// "a, b, c"
std::string join(const std::vector<std::string>& words);

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }

  // Throws InputError at the position of a syntax error.
  YAML::Node load(const std::string& text) const;

  SourceLocation at(const YAML::Node& node, const SourceLocation& fallback) const;
  [[noreturn]] void fail(const YAML::Node& node, const SourceLocation& fallback,
                         const std::string& message) const;
  void expect_map(const YAML::Node& node, const SourceLocation& where,
                  const std::string& what) const;
  // Unknown and duplicate keys are errors: a typo must never drop a setting silently.
  void check_keys(const YAML::Node& map, const SourceLocation& where,
                  const std::vector<std::string>& allowed, const std::string& what) const;

  std::string string_value(const YAML::Node& node, const std::string& what) const;
  std::string required_string(const YAML::Node& map, const std::string& key,
                              const SourceLocation& where) const;
  int positive_int(const YAML::Node& node, const std::string& key) const;
  // Seconds, with a unit; at most a day.
  double duration(const YAML::Node& node, const std::string& key, bool zero_allowed) const;
  // A number (or a percentage) strictly between `low` and `high`.
  double fraction(const YAML::Node& node, const std::string& key, bool percent, double low,
                  double high) const;

 private:
  std::string file_;
};

}  // namespace benchctl::suite
