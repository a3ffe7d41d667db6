#include "store/postgres_module.h"

#include <fmt/format.h>
#include <cstdlib>

#include "store/location.h"
#include "util/error.h"
#include "util/helper_files.h"
#include "util/units.h"

namespace benchctl::store {

int heartbeat_timeout_seconds() {
  const char* text = std::getenv("BENCHCTL_HEARTBEAT_TIMEOUT");
  if (text == nullptr || *text == '\0')
    return 1800;
  const auto seconds = util::parse_number(text);
  if (!seconds || *seconds < 1 || *seconds > 7 * 86400 || *seconds != static_cast<int>(*seconds)) {
    throw InputError(fmt::format(
        "BENCHCTL_HEARTBEAT_TIMEOUT is '{}', expected whole seconds between 1 and 604800", text));
  }
  return static_cast<int>(*seconds);
}

std::unique_ptr<Store> open_postgres_store(const std::string& url,
                                           const std::filesystem::path& executable) {
  void* symbol = nullptr;
  try {
    symbol = util::load_helper_symbol(executable, "benchctl-postgres.so",
                                      "benchctl_open_postgres_store");
  } catch (const InstallationError& e) {
    throw InstallationError(fmt::format("{}: PostgreSQL support cannot be loaded: {}",
                                        without_password(url), e.what()));
  }
  // The module stays loaded: the store's code is in it.
  return std::unique_ptr<Store>(
      reinterpret_cast<decltype(&benchctl_open_postgres_store)>(symbol)(url.c_str()));
}

}  // namespace benchctl::store
