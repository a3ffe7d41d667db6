// PostgreSQL's text forms of numbers and of one-dimensional arrays of numbers ("{1,2,NULL}"), as
// the PostgreSQL store sends and reads them. Parsed with std::from_chars: libpqxx 6 converts a
// floating-point field through a stringstream, a visible part of reading a comparison's rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace benchctl::store {

// A number as PostgreSQL prints it (a float8 may be NaN or Infinity); anything else, or any
// text after the number, is a StorageError naming `text`.
template <class Number>
Number parse_number(std::string_view text);

// A one-dimensional array of numbers; NULL elements are empty.
template <class Number>
std::vector<std::optional<Number>> parse_array(std::string_view text);

// Builds an array of integers in PostgreSQL's text form, element by element.
class IntegerArrayText {
 public:
  void add(std::optional<std::int64_t> value);
  // The array, "{}" when nothing was added.
  std::string take();

 private:
  std::string text_ = "{";
};

}  // namespace benchctl::store
