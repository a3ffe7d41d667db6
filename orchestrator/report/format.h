// Output formats and terminal styling shared by the reports.
#pragma once

#include <string>

namespace benchctl::report {

enum class Format { table, markdown, json, csv };

// Throws UsageError naming the accepted formats.
Format parse_format(const std::string& text);

// Colour for a terminal: on when stdout is a TTY and NO_COLOR is unset (https://no-color.org).
struct Style {
  bool colour = false;
  static Style for_stdout();

  std::string red(const std::string& text) const;
  std::string yellow(const std::string& text) const;
  std::string green(const std::string& text) const;
  std::string bold(const std::string& text) const;
};

// A CSV field, quoted when it needs to be (RFC 4180).
std::string csv_field(const std::string& text);
// A Markdown table cell: pipes escaped, newlines flattened.
std::string markdown_cell(const std::string& text);
// "+3.2%" / "-12.0%" for a ratio of 1.032 / 0.88.
std::string signed_percent(double ratio);

}  // namespace benchctl::report
