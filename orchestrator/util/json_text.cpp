#include "util/json_text.h"

#include <fmt/format.h>

#include <limits>

#include "util/error.h"

namespace benchctl::util {

nlohmann::json parse_json_text(const std::string& text, const std::string& source) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(fmt::format("{}: invalid JSON at byte {}", source, e.byte));
  } catch (const nlohmann::json::exception& e) {
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'": the part after the id.
    const std::string what = e.what();
    const auto end_of_id = what.find("] ");
    throw InputError(
        fmt::format("{}: invalid JSON: {}", source,
                    end_of_id == std::string::npos ? what : what.substr(end_of_id + 2)));
  }
}

std::optional<std::int64_t> integer_of(const nlohmann::json& value) {
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::nullopt;
    return static_cast<std::int64_t>(number);
  }
  if (value.is_number_integer())
    return value.get<std::int64_t>();
  return std::nullopt;
}

}  // namespace benchctl::util
