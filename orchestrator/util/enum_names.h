// One table of names per enumeration, read both ways: the names users and stored data see.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace benchctl::util {

template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value`; "unknown" for a value the table lacks.
template <class Enum, std::size_t N>
std::string name_of(const EnumNames<Enum, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value)
      return std::string(name);
  }
  return "unknown";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const EnumNames<Enum, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text)
      return value;
  }
  return std::nullopt;
}

// "a, b or c": the names, for an error message that says what was expected.
template <class Enum, std::size_t N>
std::string names_list(const EnumNames<Enum, N>& names) {
  std::string list;
  for (std::size_t i = 0; i < N; ++i)
    list += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(names[i].second);
  return list;
}

}  // namespace benchctl::util
