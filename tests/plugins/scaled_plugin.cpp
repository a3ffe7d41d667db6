// A test-only plugin whose cost the environment scales: BENCHCTL_TEST_SCALE=1.3 makes every
// iteration do 30% more work, so that the tests can inject a real slowdown.
#include <benchctl/plugin.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

std::int64_t steps() {
  const char* scale = std::getenv("BENCHCTL_TEST_SCALE");
  return static_cast<std::int64_t>(2000 * (scale != nullptr ? std::stod(scale) : 1.0));
}

void BM_Work(benchmark::State& state) {
  const std::int64_t count = steps();
  std::uint64_t value = 1;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < count; ++i) {
      value = value * 6364136223846793005ULL + 1442695040888963407ULL;
      benchmark::DoNotOptimize(value);
    }
  }
  state.SetItemsProcessed(state.iterations() * count);
}

}  // namespace

BENCHCTL_PLUGIN("scaled", "0.0.1", "Test plugin whose cost BENCHCTL_TEST_SCALE scales") {
  benchctl::add("work", BM_Work);
  benchctl::add("steady", [](benchmark::State& state) {
    std::uint64_t value = 1;
    for (auto _ : state) {
      for (int i = 0; i < 2000; ++i) {
        value = value * 6364136223846793005ULL + 1442695040888963407ULL;
        benchmark::DoNotOptimize(value);
      }
    }
  });
}
