#include "calibration_benchmarks.h"

#include <benchctl/latency.h>

#include <cstdint>

namespace calibration {

void empty(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::ClobberMemory();  // a compiler barrier: without it the loop compiles away
  }
}

void empty_with_latency(benchmark::State& state) {
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    benchmark::ClobberMemory();
  }
}

void spin(benchmark::State& state) {
  const auto steps = state.range(0);
  std::uint64_t value = 1;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < steps; ++i) {
      value = value * 6364136223846793005ULL + 1442695040888963407ULL;
      benchmark::DoNotOptimize(value);
    }
  }
  state.SetItemsProcessed(state.iterations() * steps);
}

void register_all(benchmark::internal::Benchmark* (*add)(const char* name,
                                                         void (*)(benchmark::State&))) {
  add("empty", empty);
  add("latency_recorder", empty_with_latency);
  add("spin", spin)->Arg(1000);
}

}  // namespace calibration
