// A test-only plugin that needs a shared library of its own, found beside it ($ORIGIN in its
// run path): a stored build written out of the database elsewhere has lost that library, and its
// benchmarks must fail with the loader's reason, never the comparison.
#include <benchctl/plugin.h>

#include <cstdint>

std::uint64_t needs_library_step(std::uint64_t value);  // in libneeds_library_helper.so

namespace {

void BM_Step(benchmark::State& state) {
  std::uint64_t value = 1;
  for (auto _ : state) {
    value = needs_library_step(value);
    benchmark::DoNotOptimize(value);
  }
}

}  // namespace

BENCHCTL_PLUGIN("needs_library", "0.0.1", "Test plugin that needs a library beside it") {
  benchctl::add("step", BM_Step);
}
