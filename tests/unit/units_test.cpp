#include "util/units.h"
#include "util/split.h"

#include <gtest/gtest.h>

namespace benchctl::util {
namespace {

TEST(Units, ParsesDurationsInEveryUnit) {
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("250us"), 250e-6);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("250µs"), 250e-6);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("10ms"), 0.010);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("1.5s"), 1.5);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("40ns"), 40e-9);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds("2min"), 120);
  EXPECT_DOUBLE_EQ(*parse_duration_seconds(" 3 ms "), 0.003);
}

TEST(Units, RejectsDurationsWithoutAKnownUnit) {
  EXPECT_FALSE(parse_duration_seconds("250"));
  EXPECT_FALSE(parse_duration_seconds("250 parsecs"));
  EXPECT_FALSE(parse_duration_seconds("ms"));
  EXPECT_FALSE(parse_duration_seconds(""));
  EXPECT_FALSE(parse_duration_seconds("10MB"));
  EXPECT_FALSE(parse_duration_seconds("nan s"));
}

TEST(Units, ParsesDecimalAndBinarySizes) {
  EXPECT_DOUBLE_EQ(*parse_size_bytes("20MB"), 20e6);
  EXPECT_DOUBLE_EQ(*parse_size_bytes("20MiB"), 20.0 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*parse_size_bytes("512B"), 512);
  EXPECT_DOUBLE_EQ(*parse_size_bytes("1.5GB"), 1.5e9);
  EXPECT_FALSE(parse_size_bytes("20mb"));
  EXPECT_FALSE(parse_size_bytes("20"));
}

TEST(Units, ParsesByteAndItemRates) {
  const auto bytes = parse_rate("1GB/s");
  ASSERT_TRUE(bytes);
  EXPECT_TRUE(bytes->is_bytes);
  EXPECT_DOUBLE_EQ(bytes->per_second, 1e9);
  const auto items = parse_rate("50K/s");
  ASSERT_TRUE(items);
  EXPECT_FALSE(items->is_bytes);
  EXPECT_DOUBLE_EQ(items->per_second, 50e3);
  EXPECT_DOUBLE_EQ(parse_rate("2000/s")->per_second, 2000);
  EXPECT_FALSE(parse_rate("1GB"));
  EXPECT_FALSE(parse_rate("fast/s"));
}

TEST(Units, FormatsWithThreeSignificantDigits) {
  EXPECT_EQ(format_duration(32.1e-6), "32.1 µs");
  EXPECT_EQ(format_duration(0.25), "250 ms");
  EXPECT_EQ(format_duration(1.5), "1.50 s");
  EXPECT_EQ(format_duration(16.6e-9), "16.6 ns");
  EXPECT_EQ(format_size(7.44e6), "7.44 MB");
  EXPECT_EQ(format_size(512), "512 B");
  EXPECT_EQ(format_rate(3.36e9, true), "3.36 GB/s");
  EXPECT_EQ(format_rate(1.66e6, false), "1.66 M/s");
  EXPECT_EQ(format_percent(0.062), "6.2%");
  EXPECT_EQ(format_duration(1e-4), "100 µs")
      << "not 100.0 µs: 1e-4 s is 99.99999 µs in floating point";
  EXPECT_EQ(format_duration(0.9999999), "1.00 s");
  EXPECT_EQ(format_duration(9.9999e-3), "10.0 ms");
}

}  // namespace
}  // namespace benchctl::util

// A list on one line keeps its empty pieces, so that a stray comma is refused, not skipped.
TEST(Split, KeepsEveryPieceBetweenSeparators) {
  using benchctl::util::split;
  EXPECT_EQ(split("time,allocations", ','), (std::vector<std::string>{"time", "allocations"}));
  EXPECT_EQ(split("12", ','), (std::vector<std::string>{"12"}));
  EXPECT_EQ(split("a,,b,", ','), (std::vector<std::string>{"a", "", "b", ""}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
}
