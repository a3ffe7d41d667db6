#include "util/json_text.h"

#include <fmt/format.h>

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

}  // namespace benchctl::util
