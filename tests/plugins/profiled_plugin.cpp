// A test-only plugin for profiles: a loop of two functions, and a build (profiled-extra) whose
// loop also calls a third costing some 5% of it, named like markup ("checksum<script>"): what a
// differential profile must put first, and a flame graph must show as text. It keeps its symbol
// table; the stripped build (profiled-stripped) does not.
#include <benchctl/plugin.h>

#include <cstdint>

// At global scope, so that the function's name reads "checksum<script>(unsigned long)".
struct script {};

// About five instructions a step.
__attribute__((noinline)) std::uint64_t steps(std::uint64_t value, int count) {
  for (int i = 0; i < count; ++i) {
    value = value * 6364136223846793005ULL + 1442695040888963407ULL;
    benchmark::DoNotOptimize(value);
  }
  return value;
}

__attribute__((noinline)) std::uint64_t mix(std::uint64_t value) {
  return steps(value, 700);
}

__attribute__((noinline)) std::uint64_t shuffle(std::uint64_t value) {
  return steps(value ^ 0x9e3779b97f4a7c15ULL, 300);
}

// The same kind of step as steps' (another constant): some 5% of the loop in instructions and
// in time alike.
template <class Tag>
__attribute__((noinline)) std::uint64_t checksum(std::uint64_t value) {
  for (int i = 0; i < 50; ++i) {
    value = value * 2862933555777941757ULL + 3037000493ULL;
    benchmark::DoNotOptimize(value);
  }
  return value;
}

namespace {

void BM_Loop(benchmark::State& state) {
  std::uint64_t value = 1;
  for (auto _ : state) {
    value = shuffle(mix(value));
#ifdef BENCHCTL_TEST_EXTRA_CALL
    value = checksum<script>(value);
#endif
    benchmark::DoNotOptimize(value);
  }
}

void BM_Steady(benchmark::State& state) {
  std::uint64_t value = 3;
  for (auto _ : state)
    value = steps(value, 400);
  benchmark::DoNotOptimize(value);
}

}  // namespace

BENCHCTL_PLUGIN("profiled", "0.0.1", "Test plugin: a loop whose other build does 5% more") {
  benchctl::add("loop", BM_Loop);
  benchctl::add("steady", BM_Steady);
}
