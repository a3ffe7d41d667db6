#include <benchctl/latency.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

// Captures the counters of every repetition Google Benchmark reports.
class CounterCapture : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      for (const auto& [name, counter] : run.counters)
        counters[name] = counter.value;
    }
  }
  std::map<std::string, double> counters;
};

std::map<std::string, double> run_with(void (*body)(benchmark::State&)) {
  static int registered = 0;
  const std::string name = "latency_test_" + std::to_string(registered++);
  benchmark::RegisterBenchmark(name.c_str(), body)->Iterations(1);
  CounterCapture capture;
  // The run's name carries "/iterations:1".
  const std::size_t ran = benchmark::RunSpecifiedBenchmarks(&capture, nullptr, "^" + name + "/");
  EXPECT_EQ(ran, 1u);
  return capture.counters;
}

TEST(LatencyRecorder, ReportsPercentilesOfSingleOperationsWithinABucket) {
  const auto counters = run_with([](benchmark::State& state) {
    benchctl::LatencyRecorder latency(state);
    for (auto _ : state) {
      for (int i = 0; i < 9000; ++i)
        latency.add(std::chrono::nanoseconds(50));  // exact below 128 ns
                                                    // Nearest rank over 10,000: p95 is rank 9499
                                                    // (in the 20 us group), p99 rank 9899 (3 ms).
      for (int i = 0; i < 850; ++i)
        latency.add(std::chrono::microseconds(20));  // bucketed
      for (int i = 0; i < 149; ++i)
        latency.add(std::chrono::milliseconds(3));
      latency.add(std::chrono::milliseconds(250));
    }
  });
  EXPECT_EQ(counters.at("latency_operations"), 10000);
  EXPECT_DOUBLE_EQ(counters.at("latency_p50"), 50e-9);
  EXPECT_NEAR(counters.at("latency_p95"), 20e-6, 20e-6 * 0.008);
  EXPECT_NEAR(counters.at("latency_p99"), 3e-3, 3e-3 * 0.008);
  EXPECT_DOUBLE_EQ(counters.at("latency_max"), 0.25);
}

TEST(LatencyRecorder, TimesTheScopeOfEachOperation) {
  const auto counters = run_with([](benchmark::State& state) {
    benchctl::LatencyRecorder latency(state);
    for (auto _ : state) {
      for (int i = 0; i < 100; ++i) {
        auto timing = latency.measure();
        benchmark::ClobberMemory();
      }
    }
  });
  EXPECT_EQ(counters.at("latency_operations"), 100);
  EXPECT_GT(counters.at("latency_max"), 0);
  EXPECT_LE(counters.at("latency_p50"), counters.at("latency_p99"));
}

TEST(LatencyRecorder, ReportsNothingWithoutOperations) {
  const auto counters = run_with([](benchmark::State& state) {
    benchctl::LatencyRecorder latency(state);
    for (auto _ : state)
      benchmark::ClobberMemory();
  });
  EXPECT_EQ(counters.count("latency_p50"), 0u);
}

}  // namespace
