// A test-only plugin whose cost the environment scales: BENCHCTL_TEST_SCALE=1.3 makes every
// iteration do 30% more work, so that the tests can inject a real slowdown. Built several times
// for the A/B tests: BENCHCTL_TEST_BUILD_SCALE scales the work of one build (the same source,
// another build), BENCHCTL_TEST_BUILD_EXTRA adds a benchmark only that build has, and
// BENCHCTL_TEST_BUILD_CRASH makes scaled/steady crash in that build.
#include <benchctl/plugin.h>

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <string>

#ifndef BENCHCTL_TEST_BUILD_SCALE
#define BENCHCTL_TEST_BUILD_SCALE 1.0
#endif

namespace {

std::int64_t steps() {
  const char* scale = std::getenv("BENCHCTL_TEST_SCALE");
  return static_cast<std::int64_t>(2000 * BENCHCTL_TEST_BUILD_SCALE *
                                   (scale != nullptr ? std::stod(scale) : 1.0));
}

void spin(std::int64_t count, std::uint64_t& value) {
  for (std::int64_t i = 0; i < count; ++i) {
    value = value * 6364136223846793005ULL + 1442695040888963407ULL;
    benchmark::DoNotOptimize(value);
  }
}

void BM_Work(benchmark::State& state) {
  const std::int64_t count = steps();
  std::uint64_t value = 1;
  for (auto _ : state)
    spin(count, value);
  state.SetItemsProcessed(state.iterations() * count);
}

void BM_Steady(benchmark::State& state) {
#ifdef BENCHCTL_TEST_BUILD_CRASH
  std::raise(SIGSEGV);
#endif
  std::uint64_t value = 1;
  for (auto _ : state)
    spin(2000, value);
}

}  // namespace

BENCHCTL_PLUGIN("scaled", "0.0.1", "Test plugin whose cost BENCHCTL_TEST_SCALE scales") {
  benchctl::add("work", BM_Work);
  benchctl::add("steady", BM_Steady);
#ifdef BENCHCTL_TEST_BUILD_EXTRA
  benchctl::add("extra", BM_Steady);
#endif
}
