#include "report/format.h"

#include <unistd.h>

#include <fmt/format.h>
#include <cstdlib>

#include "util/error.h"

namespace benchctl::report {

Format parse_format(const std::string& text) {
  if (text == "table")
    return Format::table;
  if (text == "markdown" || text == "md")
    return Format::markdown;
  if (text == "json")
    return Format::json;
  if (text == "csv")
    return Format::csv;
  if (text == "html")
    throw UsageError(
        "--format html is written by run, show, compare, ab and history; expected table, "
        "markdown, json or csv here");
  throw UsageError(
      fmt::format("--format '{}' is not a format, expected table, markdown, json or csv", text));
}

Style Style::for_stdout() {
  Style style;
  const char* no_color = std::getenv("NO_COLOR");
  style.colour = isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
  return style;
}

std::string Style::red(const std::string& text) const {
  return colour ? "\033[31m" + text + "\033[0m" : text;
}
std::string Style::yellow(const std::string& text) const {
  return colour ? "\033[33m" + text + "\033[0m" : text;
}
std::string Style::green(const std::string& text) const {
  return colour ? "\033[32m" + text + "\033[0m" : text;
}
std::string Style::bold(const std::string& text) const {
  return colour ? "\033[1m" + text + "\033[0m" : text;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos)
    return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"')
      quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string markdown_cell(const std::string& text) {
  std::string cell;
  for (char c : text) {
    if (c == '|') {
      cell += "\\|";
    } else if (c == '\n' || c == '\r') {
      cell += ' ';
    } else {
      cell += c;
    }
  }
  return cell;
}

std::string signed_percent(double ratio) {
  return fmt::format("{:+.1f}%", (ratio - 1.0) * 100.0);
}

}  // namespace benchctl::report
