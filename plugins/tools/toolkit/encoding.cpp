#include "toolkit/encoding.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>

namespace toolkit {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex(std::string& out, const unsigned char* bytes, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0xF];
  }
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  std::string hex;
  hex.reserve(2 * length);
  append_hex(hex, digest, length);
  return hex;
}

std::string base64_encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(data.data()),
                                      static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string base64_decode(std::string_view text) {
  if (text.size() % 4 != 0)
    throw std::invalid_argument("Base64 input length is not a multiple of 4");
  std::string out(3 * (text.size() / 4), '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0)
    throw std::invalid_argument("invalid Base64 input");
  // EVP_DecodeBlock decodes padding as zero bytes: drop one per '='.
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=')
    ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=')
    ++padding;
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

std::string uuid_v4() {
  std::array<unsigned char, 16> bytes;
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("no random bytes");
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 1
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      out += '-';
    append_hex(out, &bytes[i], 1);
  }
  return out;
}

}  // namespace toolkit
