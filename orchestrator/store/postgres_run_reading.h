// Reading runs, histories and machines from a PostgreSQL database (schema/postgresql/), in the
// caller's transaction, and the row and field conversions the PostgreSQL store shares.
#pragma once

#include <pqxx/pqxx>

#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>

#include "store/postgres_text.h"
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
