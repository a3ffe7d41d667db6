#include "toolkit/truncation.h"

#include <algorithm>
#include <cstring>

namespace toolkit {
namespace {

// The largest prefix of `text` no longer than `bytes` that does not split a UTF-8 sequence.
std::size_t utf8_prefix(std::string_view text, std::size_t bytes) {
  if (bytes >= text.size())
    return text.size();
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80)
    --bytes;
  return bytes;
}

}  // namespace

std::size_t count_lines(std::string_view text) {
  if (text.empty())
    return 0;
  const auto newlines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  return newlines + (text.back() == '\n' ? 0 : 1);
}

Truncation truncate_head(std::string_view text, const TruncationLimits& limits) {
  Truncation result;
  result.total_bytes = text.size();
  result.total_lines = count_lines(text);
  std::size_t end = 0;
  while (end < text.size() && result.kept_lines < limits.max_lines) {
    const void* newline = std::memchr(text.data() + end, '\n', text.size() - end);
    const std::size_t line_end =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1
                : text.size();
    if (line_end > limits.max_bytes) {
      if (result.kept_lines == 0)
        end = utf8_prefix(text, limits.max_bytes);  // one oversized line
      break;
    }
    end = line_end;
    ++result.kept_lines;
  }
  result.content = text.substr(0, end);
  result.truncated = end < text.size();
  return result;
}

Truncation truncate_tail(std::string_view text, const TruncationLimits& limits) {
  Truncation result;
  result.total_bytes = text.size();
  result.total_lines = count_lines(text);
  // Walk back from the end, one line at a time; a trailing newline belongs to the last line.
  std::size_t start = text.size();
  std::size_t search = text.size() > 0 && text.back() == '\n' ? text.size() - 1 : text.size();
  while (start > 0 && result.kept_lines < limits.max_lines) {
    const std::size_t newline = search == 0 ? std::string_view::npos : text.rfind('\n', search - 1);
    const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
    if (text.size() - line_start > limits.max_bytes) {
      if (result.kept_lines == 0) {  // one oversized line: keep its end
        start = text.size() - limits.max_bytes;
        while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
          ++start;
      }
      break;
    }
    start = line_start;
    search = line_start == 0 ? 0 : line_start - 1;
    ++result.kept_lines;
  }
  result.content = text.substr(start);
  result.truncated = start > 0;
  return result;
}

}  // namespace toolkit
