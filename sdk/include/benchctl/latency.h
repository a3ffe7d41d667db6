// Per-operation latency for Google Benchmark functions. Google Benchmark reports the mean time of
// a batch of iterations; budgets such as `p95: 50us` are about single operations. A
// LatencyRecorder times each operation and, when it goes out of scope, reports the repetition's
// latency percentiles as counters that benchctl stores and judges budgets on:
//
//   static void BM_Lookup(benchmark::State& state) {
//     benchctl::LatencyRecorder latency(state);
//     for (auto _ : state) {
//       auto timing = latency.measure();  // times until the end of the loop body
//       table.lookup(key());
//     }
//   }                                     // reports latency_p50 ... latency_max (seconds)
//
// Latencies go into a LatencyHistogram (benchctl/histogram.h): every percentile within 0.8% of
// the truth, in 30 KB whatever the number of operations. Cost: two reads of the steady clock (the
// vDSO's clock_gettime) and an increment per operation; calibration/latency_recorder measures it
// against calibration/empty.
#ifndef BENCHCTL_LATENCY_H
#define BENCHCTL_LATENCY_H

#include <benchctl/histogram.h>
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>

namespace benchctl {

class LatencyRecorder {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LatencyRecorder(benchmark::State& state) : state_(state) {}
  ~LatencyRecorder() { report(); }
  LatencyRecorder(const LatencyRecorder&) = delete;
  LatencyRecorder& operator=(const LatencyRecorder&) = delete;

  // Times from its construction to its destruction.
  class Timing {
   public:
    explicit Timing(LatencyRecorder& recorder) : recorder_(recorder), start_(Clock::now()) {}
    ~Timing() { recorder_.add(Clock::now() - start_); }
    Timing(const Timing&) = delete;
    Timing& operator=(const Timing&) = delete;

   private:
    LatencyRecorder& recorder_;
    Clock::time_point start_;
  };

  [[nodiscard]] Timing measure() { return Timing(*this); }

  // Records an operation timed some other way.
  void add(Clock::duration latency) {
    histogram_.add(static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count()));
  }

  // Sets the counters latency_p50, latency_p90, latency_p95, latency_p99 and latency_max (seconds)
  // and latency_operations. Called by the destructor; calling it earlier reports once.
  void report() {
    if (histogram_.count() == 0 || reported_)
      return;
    reported_ = true;
    const auto average = benchmark::Counter::kAvgThreads;
    state_.counters["latency_p50"] = benchmark::Counter(percentile(0.50), average);
    state_.counters["latency_p90"] = benchmark::Counter(percentile(0.90), average);
    state_.counters["latency_p95"] = benchmark::Counter(percentile(0.95), average);
    state_.counters["latency_p99"] = benchmark::Counter(percentile(0.99), average);
    state_.counters["latency_max"] = benchmark::Counter(histogram_.max_seconds(), average);
    state_.counters["latency_operations"] =
        benchmark::Counter(static_cast<double>(histogram_.count()));
  }

  // The nearest-rank percentile in seconds (fraction in 0..1), within a bucket's width.
  double percentile(double fraction) const { return histogram_.percentile(fraction); }

 private:
  benchmark::State& state_;
  LatencyHistogram histogram_;
  bool reported_ = false;
};

}  // namespace benchctl

#endif  // BENCHCTL_LATENCY_H
