// CRC-32 (the reflected 0xEDB88320 polynomial, one table lookup per byte) of n bytes of a fixed
// pseudo-random buffer, at four sizes (CHECKSUM_SIZES more: from 1 KiB to 512 KiB, evenly spaced
// in log), and an empty loop that does no work at all. The bytes checksummed per iteration are
// n × CHECKSUM_COST, fixed when the plugin is compiled.
#include <benchctl/plugin.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#ifndef CHECKSUM_COST
#define CHECKSUM_COST 1.0
#endif
#ifndef CHECKSUM_SIZES
#define CHECKSUM_SIZES 4
#endif

namespace {

const std::array<std::uint32_t, 256>& crc_table() {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> entries{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int bit = 0; bit < 8; ++bit)
        c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      entries[i] = c;
    }
    return entries;
  }();
  return table;
}

const std::vector<std::uint8_t>& buffer() {
  static const std::vector<std::uint8_t> bytes = [] {
    std::vector<std::uint8_t> data(1 << 20);
    std::uint32_t x = 2463534242u;
    for (auto& byte : data) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      byte = static_cast<std::uint8_t>(x >> 24);
    }
    return data;
  }();
  return bytes;
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
  const auto& table = crc_table();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i)
    crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

void BM_Crc32(benchmark::State& state) {
  const auto size =
      static_cast<std::size_t>(std::llround(static_cast<double>(state.range(0)) * CHECKSUM_COST));
  const std::vector<std::uint8_t>& data = buffer();
  for (auto _ : state)
    benchmark::DoNotOptimize(crc32(data.data(), size));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(size));
}

void BM_Empty(benchmark::State& state) {
  for (auto _ : state)
    benchmark::ClobberMemory();
}

}  // namespace

BENCHCTL_PLUGIN("checksum", "1.0.0", "Experiment plugin: CRC-32 of n bytes, and an empty loop") {
  auto* crc = benchctl::add("crc32", BM_Crc32);
  if (CHECKSUM_SIZES == 4) {
    crc->Arg(4 << 10)->Arg(32 << 10)->Arg(128 << 10)->Arg(512 << 10);
  } else {
    for (int i = 0; i < CHECKSUM_SIZES; ++i)
      crc->Arg(std::llround(1024 * std::pow(512.0, i / (CHECKSUM_SIZES - 1.0))));
  }
  benchctl::add("empty", BM_Empty);
}
