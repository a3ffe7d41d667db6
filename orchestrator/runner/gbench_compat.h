// Everything that differs between Google Benchmark versions, in one place. Debian 12 ships
// 1.7.1; 1.8 renamed error_occurred/error_message to skipped/skip_message and made
// --benchmark_min_time take a unit.
#pragma once

#include <benchmark/benchmark.h>

#include <fmt/format.h>
#include <string>

namespace benchctl::runner::gbench {

#if BENCHCTL_GBENCH_VERSION_NUMBER >= 10800
inline bool failed(const benchmark::BenchmarkReporter::Run& run) {
  return run.skipped != 0;
}
inline std::string failure_message(const benchmark::BenchmarkReporter::Run& run) {
  return run.skip_message;
}
inline std::string min_time_flag(double seconds) {
  return fmt::format("--benchmark_min_time={}s", seconds);
}
#else
inline bool failed(const benchmark::BenchmarkReporter::Run& run) {
  return run.error_occurred;
}
inline std::string failure_message(const benchmark::BenchmarkReporter::Run& run) {
  return run.error_message;
}
inline std::string min_time_flag(double seconds) {
  return fmt::format("--benchmark_min_time={}", seconds);
}
#endif

inline std::string warmup_flag(double seconds) {
  return fmt::format("--benchmark_min_warmup_time={}", seconds);
}

}  // namespace benchctl::runner::gbench
