// SHA-256 of a string, as lowercase hex (FIPS 180-4; the host needs no crypto library).
#pragma once

#include <string>
#include <string_view>

namespace benchctl::util {

std::string sha256_hex(std::string_view data);

}  // namespace benchctl::util
