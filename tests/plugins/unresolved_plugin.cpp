// A test-only plugin that needs a symbol nothing defines: loading it must fail at once.
#include <benchctl/plugin.h>

extern "C" int benchctl_test_symbol_that_does_not_exist(int);

namespace {

void BM_UsesMissingSymbol(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(benchctl_test_symbol_that_does_not_exist(1));
}

}  // namespace

BENCHCTL_PLUGIN("unresolved", "0.0.1", "Test plugin with an unresolved symbol") {
  benchctl::add("call", BM_UsesMissingSymbol);
}
