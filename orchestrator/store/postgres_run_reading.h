// Reading runs, histories and machines from a PostgreSQL database (schema/postgresql/), in the
// caller's transaction, and the row and field conversions the PostgreSQL store shares.
#pragma once

#include <pqxx/pqxx>

#include <fmt/format.h>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "store/postgres_text.h"
#include "store/row.h"
#include "store/store.h"
#include "store/stored_values.h"
#include "util/error.h"

namespace benchctl::store {

inline std::string field_text(const pqxx::field& field) {
  return field.is_null() ? std::string() : field.c_str();
}

inline std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null())
    return std::nullopt;
  return field.c_str();
}

template <class T>
T number(const pqxx::field& field) {
  if (field.is_null())
    throw StorageError(fmt::format("the database holds a NULL {}", field.name()));
  return parse_number<T>(std::string_view(field.c_str(), field.size()));
}

template <class T>
std::optional<T> optional_field(const pqxx::field& field) {
  if (field.is_null())
    return std::nullopt;
  return number<T>(field);
}

template <class T>
std::vector<std::optional<T>> array_field(const pqxx::field& field) {
  return parse_array<T>(std::string_view(field.c_str(), field.size()));
}

// A row of a result, as the stored records' converters read it (store/row.h).
class PostgresRow final : public Row {
 public:
  explicit PostgresRow(const pqxx::row& row) : row_(row) {}
  std::int64_t int64(int column) const override { return number<std::int64_t>(row_[column]); }
  double real(int column) const override { return number<double>(row_[column]); }
  std::string text(int column) const override { return field_text(row_[column]); }
  std::optional<std::int64_t> optional_int64(int column) const override {
    return optional_field<std::int64_t>(row_[column]);
  }
  std::optional<double> optional_real(int column) const override {
    return optional_field<double>(row_[column]);
  }
  std::optional<std::string> optional_text(int column) const override {
    return store::optional_text(row_[column]);
  }

 private:
  const pqxx::row& row_;
};

// Every row of `rows`, each turned into a record by `convert` (a function of a Row).
template <class Convert>
auto records_of(const pqxx::result& rows, Convert convert) {
  std::vector<std::invoke_result_t<Convert, const Row&>> records;
  for (const pqxx::row& row : rows)
    records.push_back(convert(PostgresRow(row)));
  return records;
}

// The runs of an A/B (ab, compare --resolve) are paired measurements of two builds at one moment,
// not points of a suite's series: `latest`, histories and machines leave them out.
inline constexpr const char* kNotAbSide =
    "id NOT IN (SELECT run_a FROM ab_pairs UNION SELECT run_b FROM ab_pairs)";

// The newest `limit` runs, with their result counts.
std::vector<RunRecord> list_postgres_runs(pqxx::transaction_base& read, int limit);
// InputError naming `database` for an unknown id.
RunRecord load_postgres_run(pqxx::transaction_base& read, std::int64_t run_id,
                            const RunReading& reading, const std::string& database);
std::vector<HistoryPoint> load_postgres_history(pqxx::transaction_base& read,
                                                const HistoryQuery& query);
std::vector<Machine> postgres_machines(pqxx::transaction_base& read,
                                       const std::optional<std::string>& suite);

}  // namespace benchctl::store
