// A report's rows built once and rendered per format: a terminal table, Markdown or CSV.
//
// A column shows in the human formats (terminal, Markdown) when it has a title and in CSV when it
// has a CSV name, so that CSV can carry raw values (seconds, not "2.00 µs") in columns of its own
// while the human formats show text. A cell may say something else in Markdown (plain instead of
// coloured, a failure's reason) and in CSV (the raw value).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/format.h"
#include "util/text_table.h"

namespace benchctl::report {

inline constexpr auto kLeft = util::TextTable::Align::left;
inline constexpr auto kRight = util::TextTable::Align::right;

struct Column {
  Column(std::string title_, std::string csv_, util::TextTable::Align align_ = kLeft,
         bool code_ = false)
      : title(std::move(title_)), csv(std::move(csv_)), align(align_), code(code_) {}

  std::string title;  // terminal and Markdown header; empty: not shown there
  std::string csv;    // CSV header; empty: not in CSV
  util::TextTable::Align align;
  bool code;                                  // Markdown: in `backticks` (names)
  std::optional<std::string> markdown_title;  // when Markdown's header differs
};

struct Cell {
  // A cell is often just text.
  Cell(std::string text_) : text(std::move(text_)) {}  // NOLINT(google-explicit-constructor)
  Cell(const char* text_) : text(text_) {}             // NOLINT(google-explicit-constructor)
  Cell(std::string text_, std::optional<std::string> markdown_, std::optional<std::string> csv_)
      : text(std::move(text_)), markdown(std::move(markdown_)), csv(std::move(csv_)) {}

  std::string text;                     // terminal (may be coloured) and Markdown
  std::optional<std::string> markdown;  // Markdown's own text
  std::optional<std::string> csv;       // CSV's own value
};

// A cell only CSV shows.
inline Cell csv_only(std::string value) {
  return {"", std::nullopt, std::move(value)};
}

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  // Adds a row; throws Error when it does not have one cell per column.
  void add(std::vector<Cell> row);
  // A row with nothing to say: "-" where the human formats show a column, empty in CSV.
  std::vector<Cell> blank_row() const;
};

std::string render_text(const Table& table);
std::string render_markdown(const Table& table);
std::string render_csv(const Table& table);
// The table in `format`: CSV, Markdown, or terminal text (for table, and for JSON, which reports
// write from their own models).
std::string render(const Table& table, Format format);

}  // namespace benchctl::report
