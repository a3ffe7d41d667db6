#include "util/units.h"

#include <fmt/format.h>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace benchctl::util {
namespace {

struct Unit {
  std::string_view suffix;
  double factor;
};

constexpr std::array kDurationUnits{Unit{"ns", 1e-9}, Unit{"us", 1e-6}, Unit{"µs", 1e-6},
                                    Unit{"ms", 1e-3}, Unit{"s", 1.0},   Unit{"min", 60.0}};

constexpr std::array kSizeUnits{Unit{"B", 1.0},
                                Unit{"KB", 1e3},
                                Unit{"MB", 1e6},
                                Unit{"GB", 1e9},
                                Unit{"TB", 1e12},
                                Unit{"KiB", 1024.0},
                                Unit{"MiB", 1024.0 * 1024},
                                Unit{"GiB", 1024.0 * 1024 * 1024},
                                Unit{"TiB", 1024.0 * 1024 * 1024 * 1024}};

constexpr std::array kCountUnits{Unit{"", 1.0}, Unit{"K", 1e3}, Unit{"M", 1e6}, Unit{"G", 1e9}};

// Splits "1.5ms" into 1.5 and "ms"; nothing when there is no leading number.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data() || !std::isfinite(value)) {
    return std::nullopt;
  }
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ')
    unit.remove_prefix(1);
  return std::make_pair(value, unit);
}

template <std::size_t N>
std::optional<double> parse_with(std::string_view text, const std::array<Unit, N>& units) {
  const auto split = split_number(text);
  if (!split)
    return std::nullopt;
  for (const Unit& unit : units) {
    if (split->second == unit.suffix)
      return split->first * unit.factor;
  }
  return std::nullopt;
}

// Whether `magnitude` shows as at least `threshold` once rounded to three significant digits
// (99.9996 prints as 100, so it belongs to the next range).
bool reaches(double magnitude, double threshold) {
  return magnitude >= threshold * (1 - 5e-4);
}

std::string three_digits(double value, std::string_view unit) {
  const double magnitude = std::fabs(value);
  const int decimals = reaches(magnitude, 100) ? 0 : reaches(magnitude, 10) ? 1 : 2;
  return fmt::format("{:.{}f} {}", value, decimals, unit);
}

}  // namespace

std::optional<double> parse_duration_seconds(std::string_view text) {
  return parse_with(text, kDurationUnits);
}

std::optional<double> parse_size_bytes(std::string_view text) {
  return parse_with(text, kSizeUnits);
}

std::optional<Rate> parse_rate(std::string_view text) {
  if (!text.ends_with("/s"))
    return std::nullopt;
  text.remove_suffix(2);
  if (const auto bytes = parse_size_bytes(text))
    return Rate{*bytes, true};
  if (const auto count = parse_with(text, kCountUnits))
    return Rate{*count, false};
  return std::nullopt;
}

std::optional<double> parse_count(std::string_view text) {
  return parse_with(text, kCountUnits);
}

std::optional<double> parse_number(std::string_view text) {
  const auto split = split_number(text);
  if (!split || !split->second.empty())
    return std::nullopt;
  return split->first;
}

std::optional<double> parse_percent(std::string_view text) {
  const auto split = split_number(text);
  if (!split || split->second != "%")
    return std::nullopt;
  return split->first / 100.0;
}

std::string format_duration(double seconds) {
  const double magnitude = std::fabs(seconds);
  if (reaches(magnitude, 60 * 10))
    return three_digits(seconds / 60, "min");
  if (reaches(magnitude, 1))
    return three_digits(seconds, "s");
  if (reaches(magnitude, 1e-3))
    return three_digits(seconds * 1e3, "ms");
  if (reaches(magnitude, 1e-6))
    return three_digits(seconds * 1e6, "µs");
  return three_digits(seconds * 1e9, "ns");
}

std::string format_size(double bytes) {
  const double magnitude = std::fabs(bytes);
  if (reaches(magnitude, 1e9))
    return three_digits(bytes / 1e9, "GB");
  if (reaches(magnitude, 1e6))
    return three_digits(bytes / 1e6, "MB");
  if (reaches(magnitude, 1e3))
    return three_digits(bytes / 1e3, "KB");
  return fmt::format("{:.0f} B", bytes);
}

std::string format_exact_count(double count) {
  if (count == std::floor(count) && std::fabs(count) < 1000)
    return fmt::format("{}", static_cast<long long>(count));
  return format_count(count);
}

std::string format_count(double count) {
  const double magnitude = std::fabs(count);
  if (reaches(magnitude, 1e9))
    return three_digits(count / 1e9, "G");
  if (reaches(magnitude, 1e6))
    return three_digits(count / 1e6, "M");
  if (reaches(magnitude, 1e3))
    return three_digits(count / 1e3, "K");
  std::string plain = three_digits(count, "");
  plain.pop_back();  // the blank before the missing unit
  return plain;
}

std::string format_rate(double per_second, bool is_bytes) {
  if (is_bytes)
    return format_size(per_second) + "/s";
  const double magnitude = std::fabs(per_second);
  if (reaches(magnitude, 1e9))
    return three_digits(per_second / 1e9, "G/s");
  if (reaches(magnitude, 1e6))
    return three_digits(per_second / 1e6, "M/s");
  if (reaches(magnitude, 1e3))
    return three_digits(per_second / 1e3, "K/s");
  return three_digits(per_second, "/s");
}

std::string format_percent(double fraction) {
  return fmt::format("{:.1f}%", fraction * 100);
}

}  // namespace benchctl::util
