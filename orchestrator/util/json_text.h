// Parsing JSON a user gave: every way it can be wrong (bad syntax, a number out of range) is an
// InputError naming the source, never another exception.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace benchctl::util {

// InputError "SOURCE: invalid JSON at byte N" or "SOURCE: invalid JSON: WHAT".
nlohmann::json parse_json_text(const std::string& text, const std::string& source);

}  // namespace benchctl::util
