// A SQLite store in a file of its own for the running test, removed with its WAL files when the
// test ends (and before it starts, should an earlier crash have left one behind).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace benchctl::testing {

class ScratchStore {
 public:
  explicit ScratchStore(const std::string& prefix)
      : path_(std::filesystem::temp_directory_path() /
              (prefix + "_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db")) {
    remove_files();
    store_ = store::open_sqlite_store(path_);
  }
  ~ScratchStore() {
    store_.reset();
    remove_files();
  }
  ScratchStore(const ScratchStore&) = delete;
  ScratchStore& operator=(const ScratchStore&) = delete;

  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace benchctl::testing
