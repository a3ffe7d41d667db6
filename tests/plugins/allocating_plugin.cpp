// A test-only plugin for allocation counts: blocks/K allocates and frees K blocks of 64 bytes per
// iteration (with new, so through the C++ allocator); setup_only allocates a megabyte in its
// setup and nothing in its loop; aligned allocates one aligned block per iteration. Built with
// BENCHCTL_TEST_EXTRA_ALLOCATION, blocks/1 allocates a second block: the B build of an A/B.
#include <benchctl/plugin.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace {

void BM_Blocks(benchmark::State& state) {
  const auto count = static_cast<int>(state.range(0));
#ifdef BENCHCTL_TEST_EXTRA_ALLOCATION
  const int blocks = count == 1 ? 2 : count;
#else
  const int blocks = count;
#endif
  std::vector<char*> kept(static_cast<std::size_t>(blocks));
  for (auto _ : state) {
    for (char*& block : kept) {
      block = new char[64];
      benchmark::DoNotOptimize(block);
    }
    for (char* block : kept)
      delete[] block;
  }
}

void BM_SetupOnly(benchmark::State& state) {
  std::vector<int> table(1 << 18, 1);  // the fixture's setup: a megabyte
  long sum = 0;
  for (auto _ : state) {
    for (int i = 0; i < 64; ++i)
      sum += table[static_cast<std::size_t>(i) * 4096];
    benchmark::DoNotOptimize(sum);
  }
}

void BM_Aligned(benchmark::State& state) {
  for (auto _ : state) {
    void* block = std::aligned_alloc(64, 256);
    benchmark::DoNotOptimize(block);
    std::free(block);
  }
}

}  // namespace

BENCHCTL_PLUGIN("allocating", "0.0.1", "Test plugin: known allocations per iteration") {
  benchctl::add("blocks", BM_Blocks)->Arg(0)->Arg(1)->Arg(100);
  benchctl::add("setup_only", BM_SetupOnly);
  benchctl::add("aligned", BM_Aligned);
}
