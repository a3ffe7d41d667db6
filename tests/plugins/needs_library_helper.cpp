// The shared library the needs_library test plugin needs beside it.
#include <cstdint>

__attribute__((visibility("default"))) std::uint64_t needs_library_step(std::uint64_t value) {
  return value * 6364136223846793005ULL + 1442695040888963407ULL;
}
