// Parsing JSON a user gave: every way it can be wrong (bad syntax, a number out of range) is an
// InputError naming the source, never another exception.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace benchctl::util {

// InputError "SOURCE: invalid JSON at byte N" or "SOURCE: invalid JSON: WHAT".
nlohmann::json parse_json_text(const std::string& text, const std::string& source);

// The value when it is a whole number a 64-bit integer holds; nothing for a fraction, a number
// too large (nlohmann's get<std::int64_t> would convert those with undefined behaviour) or
// anything else.
std::optional<std::int64_t> integer_of(const nlohmann::json& value);

}  // namespace benchctl::util
