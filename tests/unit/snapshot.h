// Snapshot assertions: a rendered report is compared with a file under tests/unit/snapshots/.
// BENCHCTL_UPDATE_SNAPSHOTS=1 rewrites the files instead (review the diff before committing it).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace benchctl::testing {

inline void expect_snapshot(const std::string& name, const std::string& actual) {
  const std::string path = std::string(BENCHCTL_TEST_SOURCE_DIR) + "/tests/unit/snapshots/" + name;
  if (const char* update = std::getenv("BENCHCTL_UPDATE_SNAPSHOTS"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no snapshot " << path
                  << " (run the test with BENCHCTL_UPDATE_SNAPSHOTS=1 to create it)";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "snapshot " << name << " differs";
}

}  // namespace benchctl::testing
