#include "store/postgres_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "util/error.h"

namespace benchctl::store {

namespace {

[[noreturn]] void malformed(std::string_view what, std::string_view text) {
  constexpr std::size_t kShown = 60;
  throw StorageError(fmt::format("the database holds a malformed {}: '{}{}'", what,
                                 text.substr(0, kShown), text.size() > kShown ? "..." : ""));
}

}  // namespace

template <class Number>
Number parse_number(std::string_view text) {
  Number value{};
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || text.empty())
    malformed("number", text);
  return value;
}

template <class Number>
std::vector<std::optional<Number>> parse_array(std::string_view text) {
  if (text.size() < 2 || text.front() != '{' || text.back() != '}')
    malformed("array", text);
  std::vector<std::optional<Number>> values;
  std::string_view rest = text.substr(1, text.size() - 2);
  if (rest.empty())
    return values;
  values.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), ',')) + 1);
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view element = rest.substr(0, comma);
    if (element == "NULL")
      values.emplace_back();
    else
      values.emplace_back(parse_number<Number>(element));
    if (comma == std::string_view::npos)
      return values;
    rest.remove_prefix(comma + 1);
  }
}

template std::int64_t parse_number<std::int64_t>(std::string_view);
template int parse_number<int>(std::string_view);
template std::uint64_t parse_number<std::uint64_t>(std::string_view);
template double parse_number<double>(std::string_view);
template std::vector<std::optional<std::int64_t>> parse_array<std::int64_t>(std::string_view);
template std::vector<std::optional<double>> parse_array<double>(std::string_view);

void IntegerArrayText::add(std::optional<std::int64_t> value) {
  if (text_.size() > 1)
    text_ += ',';
  if (value)
    fmt::format_to(std::back_inserter(text_), "{}", *value);
  else
    text_ += "NULL";
}

std::string IntegerArrayText::take() {
  text_.push_back('}');
  return std::exchange(text_, std::string(1, '{'));
}

}  // namespace benchctl::store
