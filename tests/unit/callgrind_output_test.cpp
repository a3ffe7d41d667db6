// Reading what callgrind dumps: its events and their summary, with and without the cache
// simulation.
#include "runner/callgrind_output.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/error.h"

namespace benchctl::runner {
namespace {

std::filesystem::path dump(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("benchctl_callgrind_test_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path) << text;
  return path;
}

TEST(CallgrindOutput, ReadsTheInstructionSummary) {
  const auto path = dump("plain",
                         "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\n"
                         "desc: Trigger: Client Request: dump\nevents: Ir\n"
                         "summary: 8018\n\nfn=main\n16 8018\ntotals: 8018\n");
  const CallgrindCounts counts = read_callgrind_dump(path);
  EXPECT_EQ(counts.instructions, 8018);
  EXPECT_FALSE(counts.l1_misses);
  std::filesystem::remove(path);
}

TEST(CallgrindOutput, EstimatesCyclesFromTheCacheSimulation) {
  const auto path = dump("cache",
                         "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n"
                         "summary: 1000 300 200 10 20 5 2 3 1\n");
  const CallgrindCounts counts = read_callgrind_dump(path);
  EXPECT_EQ(counts.instructions, 1000);
  EXPECT_EQ(counts.l1_misses, 35);
  EXPECT_EQ(counts.ll_misses, 6);
  // L1 hits (1500 - 35) + 5 × last-level hits (35 - 6) + 35 × memory (6).
  EXPECT_DOUBLE_EQ(*counts.estimated_cycles, 1465 + 5 * 29 + 35 * 6);
  const CallgrindCounts none = counts - counts;
  EXPECT_EQ(none.instructions, 0);
  EXPECT_EQ(none.ll_misses, 0);
  std::filesystem::remove(path);
}

TEST(CallgrindOutput, AMissingOrEmptyDumpIsAnError) {
  EXPECT_THROW(read_callgrind_dump("/nonexistent/callgrind.out.1"), Error);
  const auto path = dump("empty", "events: Dr\nsummary: 5\n");
  EXPECT_THROW(read_callgrind_dump(path), Error);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace benchctl::runner
