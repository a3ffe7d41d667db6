#include "util/text_table.h"

#include <algorithm>

#include "util/error.h"

namespace benchctl::util {

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0x1B) {  // an ANSI escape sequence ("\033[31m") takes no room
      const std::size_t end = text.find('m', i);
      i = end == std::string::npos ? text.size() : end + 1;
      continue;
    }
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t code_point = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    if (code_point == 0xFE0F || code_point == 0x200D)
      continue;  // emoji presentation selectors
    const bool wide = (code_point >= 0x2600 && code_point <= 0x27BF) ||
                      (code_point >= 0x2B00 && code_point <= 0x2BFF) || code_point >= 0x1F000;
    width += wide ? 2 : 1;
  }
  return width;
}

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> alignment)
    : headers_(std::move(headers)), alignment_(std::move(alignment)) {
  alignment_.resize(headers_.size(), Align::left);
}

void TextTable::add_row(std::vector<std::string> cells) {
  if (cells.size() != headers_.size()) {
    throw Error("internal error: a table row has " + std::to_string(cells.size()) + " cells for " +
                std::to_string(headers_.size()) + " columns");
  }
  rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = display_width(headers_[c]);
    for (const auto& row : rows_)
      widths[c] = std::max(widths[c], display_width(row[c]));
  }
  std::string out;
  auto append_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::size_t padding = widths[c] - display_width(cells[c]);
      if (c > 0)
        line += "  ";
      if (alignment_[c] == Align::right)
        line.append(padding, ' ');
      line += cells[c];
      if (alignment_[c] == Align::left)
        line.append(padding, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line;
    out += '\n';
  };
  append_row(headers_);
  std::vector<std::string> rule;
  for (std::size_t width : widths)
    rule.emplace_back(width, '-');
  append_row(rule);
  for (const auto& row : rows_)
    append_row(row);
  return out;
}

}  // namespace benchctl::util
