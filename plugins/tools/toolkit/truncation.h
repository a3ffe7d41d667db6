// Truncating long tool output for an agent's context: keep the first (head) or last (tail)
// lines within a line and a byte limit, never cutting a line in half unless a single line is
// longer than the byte limit, and count the whole input so that the caller can say what was cut.
#pragma once

#include <cstddef>
#include <string_view>

namespace toolkit {

struct TruncationLimits {
  std::size_t max_lines = 2000;
  std::size_t max_bytes = 50 * 1024;
};

struct Truncation {
  std::string_view content;  // a view into the input
  std::size_t total_lines = 0;
  std::size_t total_bytes = 0;
  std::size_t kept_lines = 0;
  bool truncated = false;
};

Truncation truncate_head(std::string_view text, const TruncationLimits& limits = {});
Truncation truncate_tail(std::string_view text, const TruncationLimits& limits = {});

// Lines as an editor counts them: a final line without a newline counts, an empty input has 0.
std::size_t count_lines(std::string_view text);

}  // namespace toolkit
