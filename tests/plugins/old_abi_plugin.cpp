// A test-only plugin built the way the SDK of ABI 1.0 built plugins: its descriptor ends before
// set_iterations, so it loads and times, but cannot count instructions.
#include <benchctl/plugin_abi.h>
#include <benchmark/benchmark.h>

#include <boost/dll/alias.hpp>

namespace {

struct DescriptorOfAbi10 {
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* name;
  const char* version;
  const char* description;
  const char* benchmark_version;
  const char* (*register_benchmarks)(void);
};

void BM_Work(benchmark::State& state) {
  for (auto _ : state)
    benchmark::ClobberMemory();
}

const char* register_work() {
  benchmark::RegisterBenchmark("old/work", BM_Work);
  return nullptr;
}

const DescriptorOfAbi10 descriptor = {
    1, 0, "old", "0.0.1", "built with ABI 1.0", "1.7.1", &register_work};

const benchctl_plugin_descriptor* entry() {
  return reinterpret_cast<const benchctl_plugin_descriptor*>(&descriptor);
}

}  // namespace

BOOST_DLL_ALIAS(entry, benchctl_plugin)
