// Benchmarks of known cost, for checking benchctl's own overhead: the same functions run as a
// benchctl plugin and as a plain Google Benchmark binary must cost the same per iteration.
#pragma once

#include <benchmark/benchmark.h>

namespace calibration {

// An empty loop body (but for a compiler barrier): what Google Benchmark's own loop costs.
void empty(benchmark::State& state);

// The same empty body timed by benchctl::LatencyRecorder: the recorder's own cost per operation.
void empty_with_latency(benchmark::State& state);

// A chain of state.range(0) dependent integer steps: a fixed, CPU-bound cost.
void spin(benchmark::State& state);

// Registers both under `prefix` ("calibration/" for the plugin's names, "" otherwise).
void register_all(benchmark::internal::Benchmark* (*add)(const char* name,
                                                         void (*)(benchmark::State&)));

}  // namespace calibration
