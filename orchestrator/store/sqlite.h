// A small RAII layer over the SQLite C API: a connection, prepared statements with bound
// parameters (never SQL built from values), and immediate transactions. Errors throw
// StorageError with SQLite's message and the database's path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "store/row.h"

struct sqlite3;
struct sqlite3_stmt;

namespace benchctl::store {

class Statement;

class Database {
 public:
  // Opens (creating if needed) in WAL mode with foreign keys on, waiting up to `busy_timeout_ms`
  // for another writer.
  explicit Database(const std::filesystem::path& path, int busy_timeout_ms = 60000);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  Statement prepare(const std::string& sql);
  std::int64_t last_insert_id() const;
  const std::filesystem::path& path() const { return path_; }

  [[noreturn]] void fail(const std::string& what) const;

 private:
  void use_write_ahead_log(int busy_timeout_ms);

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& database, sqlite3_stmt* statement);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameters are 1-based, as in SQL.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind_null(int index);
  // Binds `values` to parameters 1, 2, ... in order.
  template <class... Values>
  Statement& bind_all(const Values&... values) {
    int index = 0;
    (bind(++index, values), ...);
    return *this;
  }
  // Bytes stored as they are (a BLOB), not as text.
  Statement& bind_blob(int index, std::string_view bytes);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Steps once: true while a row is available.
  bool step();
  // Steps a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::optional<double> optional_real(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  Database* database_;
  sqlite3_stmt* statement_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted. Immediate, so that two
// writers queue on the busy timeout instead of deadlocking on a lock upgrade.
class Transaction {
 public:
  explicit Transaction(Database& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& database_;
  bool open_ = true;
};

// A statement's current row, as the stored records' converters read it (store/row.h).
class SqliteRow final : public Row {
 public:
  explicit SqliteRow(const Statement& statement) : statement_(statement) {}
  std::int64_t int64(int column) const override { return statement_.int64(column); }
  double real(int column) const override { return statement_.real(column); }
  std::string text(int column) const override { return statement_.text(column); }
  std::optional<std::int64_t> optional_int64(int column) const override {
    return statement_.optional_int64(column);
  }
  std::optional<double> optional_real(int column) const override {
    return statement_.optional_real(column);
  }
  std::optional<std::string> optional_text(int column) const override {
    return statement_.optional_text(column);
  }

 private:
  const Statement& statement_;
};

// Hands every row `statement` steps to to `add` (a function of a Row).
template <class Add>
void for_each_row(Statement& statement, Add add) {
  const SqliteRow row(statement);
  while (statement.step())
    add(row);
}

// Every row `statement` steps to, each turned into a record by `convert` (a function of a Row).
template <class Convert>
auto records_of(Statement& statement, Convert convert) {
  std::vector<std::invoke_result_t<Convert, const Row&>> records;
  for_each_row(statement, [&](const Row& row) { records.push_back(convert(row)); });
  return records;
}

}  // namespace benchctl::store
