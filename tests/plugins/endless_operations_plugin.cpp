// A test-only plugin whose hand-written ABI 1.2 descriptor lists operations without end: the
// host must refuse it, not loop forever.
#include <benchctl/plugin_abi.h>
#include <benchmark/benchmark.h>

#include <boost/dll/alias.hpp>

namespace {

void BM_Work(benchmark::State& state) {
  for (auto _ : state)
    benchmark::ClobberMemory();
}

const char* register_work() {
  benchmark::RegisterBenchmark("endless/work", BM_Work);
  return nullptr;
}

const char* every_name(uint32_t) {
  return "endless/again";
}

const char* call(uint32_t) {
  return nullptr;
}

const benchctl_plugin_descriptor descriptor = {1,
                                               2,
                                               "endless",
                                               "0.0.1",
                                               "lists operations without end",
                                               "1.7.1",
                                               &register_work,
                                               nullptr,
                                               &every_name,
                                               &call};

const benchctl_plugin_descriptor* entry() {
  return &descriptor;
}

}  // namespace

BOOST_DLL_ALIAS(entry, benchctl_plugin)
