// The calibration benchmarks in a plain Google Benchmark binary, for side-by-side comparison with
// the same functions run by benchctl (ci/measure-overhead.sh).
#include <benchmark/benchmark.h>

#include "calibration_benchmarks.h"

int main(int argc, char** argv) {
  calibration::register_all([](const char* name, void (*function)(benchmark::State&)) {
    return benchmark::RegisterBenchmark((std::string("calibration/") + name).c_str(), function);
  });
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
