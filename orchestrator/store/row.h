// A row of a query's result, read by 0-based column, whichever database it came from: the
// converters of stored records (runs, alerts, profiles) read rows through it, so that each
// record has one converter and each backend only its SQL and an adapter (SqliteRow, PostgresRow).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace benchctl::store {

class Row {
 public:
  virtual std::int64_t int64(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual std::optional<std::int64_t> optional_int64(int column) const = 0;
  virtual std::optional<double> optional_real(int column) const = 0;
  virtual std::optional<std::string> optional_text(int column) const = 0;

 protected:
  ~Row() = default;
};

}  // namespace benchctl::store
