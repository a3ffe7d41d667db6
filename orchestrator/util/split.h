// A list written on one line ("time,allocations", "12,13,14"), cut at its separators; a line's
// surrounding blanks trimmed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace benchctl::util {

// Every piece between separators, empty ones included ("a,,b" gives "a", "", "b"; "" gives ""),
// so that a caller refuses a stray separator instead of skipping it.
inline std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> pieces;
  for (std::size_t begin = 0;;) {
    const std::size_t end = std::min(text.find(separator, begin), text.size());
    pieces.emplace_back(text.substr(begin, end - begin));
    if (end == text.size())
      return pieces;
    begin = end + 1;
  }
}

// `text` without the spaces, tabs and carriage returns around it.
inline std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos)
    return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace benchctl::util
