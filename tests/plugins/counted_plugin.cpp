// A test-only plugin for instruction counts: a benchmark whose setup executes some ten million
// instructions and whose loop some thousand per iteration, so that a count that includes the
// setup shows.
#include <benchctl/plugin.h>

#include <cstdint>

namespace {

// About five instructions a step.
std::uint64_t steps(std::uint64_t value, int count) {
  for (int i = 0; i < count; ++i) {
    value = value * 6364136223846793005ULL + 1442695040888963407ULL;
    benchmark::DoNotOptimize(value);
  }
  return value;
}

void BM_SetupHeavy(benchmark::State& state) {
  std::uint64_t value = steps(1, 2'000'000);  // the fixture's setup
  for (auto _ : state)
    value = steps(value, 200);
  benchmark::DoNotOptimize(value);
}

}  // namespace

BENCHCTL_PLUGIN("counted", "0.0.1", "Test plugin: a heavy setup and a light loop") {
  benchctl::add("setup_heavy", BM_SetupHeavy);
}
