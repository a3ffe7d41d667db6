#include "store/postgres_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "util/error.h"

namespace benchctl::store {
namespace {

std::string storage_error_of(const std::function<void()>& parse) {
  try {
    parse();
  } catch (const StorageError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PostgresText, ParsesNumbersAsPostgreSqlPrintsThem) {
  EXPECT_EQ(parse_number<std::int64_t>("-9223372036854775808"),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parse_number<int>("42"), 42);
  EXPECT_EQ(parse_number<std::uint64_t>("18446744073709551615"),
            std::numeric_limits<std::uint64_t>::max());
  EXPECT_DOUBLE_EQ(parse_number<double>("1.5e-07"), 1.5e-7);
  EXPECT_DOUBLE_EQ(parse_number<double>("0.30000000000000004"), 0.1 + 0.2);
  EXPECT_TRUE(std::isnan(parse_number<double>("NaN")));
  EXPECT_EQ(parse_number<double>("Infinity"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_number<double>("-Infinity"), -std::numeric_limits<double>::infinity());
}

TEST(PostgresText, RefusesWhatIsNotWhollyANumber) {
  EXPECT_EQ(storage_error_of([] { parse_number<int>("12a"); }),
            "the database holds a malformed number: '12a'");
  EXPECT_EQ(storage_error_of([] { parse_number<int>(""); }),
            "the database holds a malformed number: ''");
  EXPECT_EQ(storage_error_of([] { parse_number<std::int64_t>("1.5"); }),
            "the database holds a malformed number: '1.5'");
  EXPECT_EQ(storage_error_of([] { parse_number<std::uint64_t>("-1"); }),
            "the database holds a malformed number: '-1'");
  EXPECT_EQ(storage_error_of([] { parse_number<int>("99999999999"); }),
            "the database holds a malformed number: '99999999999'");
  EXPECT_EQ(storage_error_of([] { parse_number<double>(" 1"); }),
            "the database holds a malformed number: ' 1'");
}

TEST(PostgresText, ParsesArraysWithTheirNulls) {
  EXPECT_TRUE(parse_array<std::int64_t>("{}").empty());
  const auto values = parse_array<std::int64_t>("{1,NULL,-3}");
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0], 1);
  EXPECT_FALSE(values[1]);
  EXPECT_EQ(values[2], -3);
  const auto medians = parse_array<double>("{0.001,NULL}");
  ASSERT_EQ(medians.size(), 2u);
  EXPECT_DOUBLE_EQ(*medians[0], 0.001);
  EXPECT_FALSE(medians[1]);
}

TEST(PostgresText, RefusesMalformedArraysNamingThem) {
  EXPECT_EQ(storage_error_of([] { parse_array<std::int64_t>("1,2"); }),
            "the database holds a malformed array: '1,2'");
  EXPECT_EQ(storage_error_of([] { parse_array<std::int64_t>("{1,2"); }),
            "the database holds a malformed array: '{1,2'");
  EXPECT_EQ(storage_error_of([] { parse_array<std::int64_t>("{1,,2}"); }),
            "the database holds a malformed number: ''");
  EXPECT_EQ(storage_error_of([] { parse_array<std::int64_t>("{{1,2},{3,4}}"); }),
            "the database holds a malformed number: '{1'");
  const std::string long_array = "{" + std::string(100, '7') + "x}";
  EXPECT_EQ(storage_error_of([&] { parse_array<std::int64_t>(long_array); }),
            "the database holds a malformed number: '" + std::string(60, '7') + "...'");
}

TEST(PostgresText, WritesIntegerArraysThatParseBack) {
  IntegerArrayText text;
  EXPECT_EQ(text.take(), "{}");
  text.add(std::numeric_limits<std::int64_t>::max());
  text.add(std::nullopt);
  text.add(-7);
  const std::string written = text.take();
  EXPECT_EQ(written, "{9223372036854775807,NULL,-7}");
  EXPECT_EQ(text.take(), "{}") << "take() starts a new array";
  const auto back = parse_array<std::int64_t>(written);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0], std::numeric_limits<std::int64_t>::max());
  EXPECT_FALSE(back[1]);
  EXPECT_EQ(back[2], -7);
}

}  // namespace
}  // namespace benchctl::store
