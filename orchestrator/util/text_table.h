// A plain-text table with aligned columns, as the terminal reports print it.
#pragma once

#include <string>
#include <vector>

namespace benchctl::util {

class TextTable {
 public:
  enum class Align { left, right };

  explicit TextTable(std::vector<std::string> headers, std::vector<Align> alignment = {});

  void add_row(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }

  // Columns separated by two spaces, a dashed rule under the header, no trailing blanks.
  std::string render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> alignment_;
  std::vector<std::vector<std::string>> rows_;
};

// Columns UTF-8 text takes on a terminal: "µs" is two, an emoji such as ✅ two, ANSI colour
// codes none.
std::size_t display_width(const std::string& text);

}  // namespace benchctl::util
