// Hashing, Base64 and UUIDs, on OpenSSL's libcrypto.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace toolkit {

// Lowercase hex SHA-256.
std::string sha256_hex(std::string_view data);

// Standard Base64 with padding (RFC 4648 section 4).
std::string base64_encode(std::string_view data);
// Throws std::invalid_argument on input that is not padded standard Base64.
std::string base64_decode(std::string_view text);

// A random (version 4, variant 1) UUID: "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
std::string uuid_v4();

}  // namespace toolkit
