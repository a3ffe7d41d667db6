#include "report/table.h"

#include "report/format.h"
#include "util/error.h"

namespace benchctl::report {

void Table::add(std::vector<Cell> row) {
  if (row.size() != columns.size()) {
    throw Error("internal error: a report row has " + std::to_string(row.size()) + " cells for " +
                std::to_string(columns.size()) + " columns");
  }
  rows.push_back(std::move(row));
}

std::vector<Cell> Table::blank_row() const {
  std::vector<Cell> row;
  for (const Column& column : columns)
    row.push_back(column.title.empty() ? csv_only("") : Cell("-", std::nullopt, ""));
  return row;
}

std::string render_text(const Table& table) {
  std::vector<std::string> headers;
  std::vector<util::TextTable::Align> alignment;
  for (const Column& column : table.columns) {
    if (!column.title.empty()) {
      headers.push_back(column.title);
      alignment.push_back(column.align);
    }
  }
  util::TextTable text(headers, alignment);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (!table.columns[c].title.empty())
        cells.push_back(row[c].text);
    }
    text.add_row(std::move(cells));
  }
  return text.render();
}

std::string render_markdown(const Table& table) {
  std::string header = "|";
  std::string rule = "|";
  for (const Column& column : table.columns) {
    if (column.title.empty())
      continue;
    header.append(" ").append(column.markdown_title.value_or(column.title)).append(" |");
    rule += column.align == util::TextTable::Align::right ? "---:|" : "---|";
  }
  std::string out = header + "\n" + rule + "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const Column& column = table.columns[c];
      if (column.title.empty())
        continue;
      const std::string text = markdown_cell(row[c].markdown.value_or(row[c].text));
      out.append(column.code ? " `" : " ").append(text).append(column.code ? "` |" : " |");
    }
    out += "\n";
  }
  return out;
}

std::string render_csv(const Table& table) {
  std::string out;
  for (const Column& column : table.columns) {
    if (!column.csv.empty())
      out.append(out.empty() ? "" : ",").append(column.csv);
  }
  out += "\n";
  for (const auto& row : table.rows) {
    std::string line;
    bool first = true;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].csv.empty())
        continue;
      line.append(first ? "" : ",").append(csv_field(row[c].csv.value_or(row[c].text)));
      first = false;
    }
    out += line + "\n";
  }
  return out;
}

std::string render(const Table& table, Format format) {
  switch (format) {
    case Format::csv:
      return render_csv(table);
    case Format::markdown:
      return render_markdown(table);
    case Format::table:
    case Format::json:
      break;
  }
  return render_text(table);
}

}  // namespace benchctl::report
