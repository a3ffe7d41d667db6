// A test-only plugin for the verdict experiments (ci/measure-verdicts.sh, ci/measure-ab.sh):
// hashing n words, at several sizes, and a no-op. BENCHCTL_TEST_SCALE=1.02 hashes 2% more words
// per iteration, so an experiment can inject a known slowdown into otherwise identical code; a
// build compiled with BENCHCTL_TEST_BUILD_SCALE=1.02 does so too, as a second build of the same
// plugin for an A/B.
#include <benchctl/plugin.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#ifndef BENCHCTL_TEST_BUILD_SCALE
#define BENCHCTL_TEST_BUILD_SCALE 1.0
#endif

namespace {

double scale() {
  const char* text = std::getenv("BENCHCTL_TEST_SCALE");
  return BENCHCTL_TEST_BUILD_SCALE * (text != nullptr ? std::stod(text) : 1.0);
}

const std::vector<std::uint64_t>& words() {
  static const std::vector<std::uint64_t> data = [] {
    std::vector<std::uint64_t> values(250'000);
    std::uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (auto& v : values) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      v = x;
    }
    return values;
  }();
  return data;
}

// FNV-1a over the bytes of the first state.range(0) × scale words.
void BM_Hash(benchmark::State& state) {
  const auto count =
      static_cast<std::size_t>(std::llround(static_cast<double>(state.range(0)) * scale()));
  const std::vector<std::uint64_t>& data = words();
  for (auto _ : state) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t word = data[i % data.size()];
      for (int byte = 0; byte < 8; ++byte) {
        hash = (hash ^ (word & 0xff)) * 0x100000001b3ULL;
        word >>= 8;
      }
    }
    benchmark::DoNotOptimize(hash);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

void BM_Noop(benchmark::State& state) {
  for (auto _ : state)
    benchmark::ClobberMemory();
}

}  // namespace

BENCHCTL_PLUGIN("workload", "0.0.1", "Test plugin for verdict experiments: hashing n words") {
  benchctl::add("hash", BM_Hash)->Arg(1000)->Arg(5000)->Arg(20000)->Arg(100000);
  benchctl::add("noop", BM_Noop);
}
