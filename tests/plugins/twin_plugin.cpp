// A test-only plugin built twice under two file names, so that two files claim one name.
#include <benchctl/plugin.h>

namespace {

void BM_Nothing(benchmark::State& state) {
  for (auto _ : state)
    benchmark::ClobberMemory();
}

}  // namespace

BENCHCTL_PLUGIN("twin", "0.0.1", "Test plugin built under two file names") {
  benchctl::add("nothing", BM_Nothing);
}
