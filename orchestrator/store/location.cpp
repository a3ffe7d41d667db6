#include "store/location.h"

#include <fmt/format.h>
#include <regex>

#include "util/error.h"

namespace benchctl::store {

std::string DatabaseLocation::shown() const {
  return kind == Kind::sqlite ? file.string() : without_password(url);
}

std::string without_password(const std::string& url) {
  // scheme://user:password@host... and the password=... parameter of a query string.
  static const std::regex in_userinfo(R"(^([A-Za-z][A-Za-z0-9+.-]*://[^:/?#@]*):[^@/?#]*@)");
  static const std::regex in_query(R"(([?&]password=)[^&]*)");
  std::string shown = std::regex_replace(url, in_userinfo, "$1:***@");
  return std::regex_replace(shown, in_query, "$1***");
}

DatabaseLocation parse_database_location(const std::string& text, const std::string& origin) {
  static const std::regex scheme(R"(^([A-Za-z][A-Za-z0-9+.-]*):(//)?)");
  DatabaseLocation location;
  std::smatch match;
  if (std::regex_search(text, match, scheme) && (match[2].matched || match[1] == "postgresql")) {
    const std::string name = match[1];
    if (name != "postgresql" && name != "postgres") {
      throw UsageError(fmt::format(
          "{} '{}' is a URL of scheme '{}', expected a SQLite file path or a postgresql:// URL",
          origin, without_password(text), name));
    }
    location.kind = DatabaseLocation::Kind::postgresql;
    location.url = text;
    return location;
  }
  location.file = text;
  return location;
}

}  // namespace benchctl::store
