// Quantities with units, as suite files write them and reports print them.
//
// Durations: ns, us (or µs), ms, s, min.      "250us" "10ms" "1.5s"
// Sizes:     B, KB, MB, GB, TB (powers of 1000) and KiB, MiB, GiB, TiB (powers of 1024).
// Rates:     a size per second ("1GB/s") or a count per second ("50K/s", "2000/s").
// Counts:    a number with K, M or G (powers of 1000): "12M" instructions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace benchctl::util {

// Each parser returns nothing when the text is not a number followed by a known unit.
std::optional<double> parse_duration_seconds(std::string_view text);
std::optional<double> parse_size_bytes(std::string_view text);

struct Rate {
  double per_second = 0;
  bool is_bytes = false;  // "1GB/s" is bytes per second, "50K/s" items per second
};
std::optional<Rate> parse_rate(std::string_view text);

std::optional<double> parse_count(std::string_view text);

// A plain number, nothing when there is anything else.
std::optional<double> parse_number(std::string_view text);

// "5%" is 0.05; nothing without the percent sign.
std::optional<double> parse_percent(std::string_view text);

// Three significant digits and the largest unit that keeps the value at or above 1.
std::string format_duration(double seconds);
std::string format_size(double bytes);
std::string format_rate(double per_second, bool is_bytes);
std::string format_percent(double fraction);
std::string format_count(double count);  // "1.02 K", "12.0 M", "850"
// An exact count: a whole number below 1,000 as it is (0, 2, 100), anything else as format_count.
std::string format_exact_count(double count);

}  // namespace benchctl::util
