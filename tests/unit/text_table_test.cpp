#include "util/text_table.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace benchctl::util {
namespace {

TEST(TextTable, AlignsColumnsByDisplayWidth) {
  TextTable table({"Name", "Time"}, {TextTable::Align::left, TextTable::Align::right});
  table.add_row({"a", "32.1 µs"});
  table.add_row({"longer", "1 s"});
  EXPECT_EQ(table.render(),
            "Name       Time\n"
            "------  -------\n"
            "a       32.1 µs\n"
            "longer      1 s\n");
}

TEST(TextTable, RejectsARowOfTheWrongWidth) {
  TextTable table({"a", "b"});
  EXPECT_THROW(table.add_row({"only one"}), Error);
}

TEST(TextTable, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(display_width("µs"), 2u);
  EXPECT_EQ(display_width("✅ ok"), 5u);
  EXPECT_EQ(display_width("⚠️"), 2u);
  EXPECT_EQ(display_width("\033[31mred\033[0m"), 3u);
}

}  // namespace
}  // namespace benchctl::util
