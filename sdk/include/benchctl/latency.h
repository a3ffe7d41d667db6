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
// Latencies go into a log-linear histogram (HdrHistogram's idea): exact below 128 ns, then 64
// buckets per power of two, so every percentile is within 0.8% of the truth, in 30 KB whatever the
// number of operations. Cost: two reads of the steady clock (the vDSO's clock_gettime) and an
// increment per operation; calibration/latency_recorder measures it against calibration/empty.
#ifndef BENCHCTL_LATENCY_H
#define BENCHCTL_LATENCY_H

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
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
    const auto nanoseconds = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count());
    ++buckets_[bucket_of(nanoseconds)];
    ++operations_;
    if (nanoseconds > max_)
      max_ = nanoseconds;
  }

  // Sets the counters latency_p50, latency_p90, latency_p95, latency_p99 and latency_max (seconds)
  // and latency_operations. Called by the destructor; calling it earlier reports once.
  void report() {
    if (operations_ == 0 || reported_)
      return;
    reported_ = true;
    const auto average = benchmark::Counter::kAvgThreads;
    state_.counters["latency_p50"] = benchmark::Counter(percentile(0.50), average);
    state_.counters["latency_p90"] = benchmark::Counter(percentile(0.90), average);
    state_.counters["latency_p95"] = benchmark::Counter(percentile(0.95), average);
    state_.counters["latency_p99"] = benchmark::Counter(percentile(0.99), average);
    state_.counters["latency_max"] = benchmark::Counter(static_cast<double>(max_) * 1e-9, average);
    state_.counters["latency_operations"] = benchmark::Counter(static_cast<double>(operations_));
  }

  // The nearest-rank percentile in seconds (fraction in 0..1), within a bucket's width.
  double percentile(double fraction) const {
    const auto rank =
        static_cast<std::uint64_t>(fraction * static_cast<double>(operations_ - 1) + 0.5);
    std::uint64_t seen = 0;
    for (std::size_t index = 0; index < buckets_.size(); ++index) {
      seen += buckets_[index];
      if (seen > rank)
        return static_cast<double>(std::min(bucket_middle(index), max_)) * 1e-9;
    }
    return static_cast<double>(max_) * 1e-9;
  }

 private:
  static constexpr std::size_t kExact = 128;      // nanoseconds counted one by one
  static constexpr std::size_t kSubBuckets = 64;  // per power of two above that
  static constexpr std::size_t kBuckets = kExact + (64 - 7) * kSubBuckets;

  static std::size_t bucket_of(std::uint64_t nanoseconds) {
    if (nanoseconds < kExact)
      return static_cast<std::size_t>(nanoseconds);
    const int top = 63 - __builtin_clzll(nanoseconds);  // >= 7
    const int shift = top - 6;
    const auto sub = static_cast<std::size_t>((nanoseconds >> shift) & (kSubBuckets - 1));
    return kExact + static_cast<std::size_t>(top - 7) * kSubBuckets + sub;
  }

  static std::uint64_t bucket_middle(std::size_t index) {
    if (index < kExact)
      return index;
    const std::size_t top = (index - kExact) / kSubBuckets + 7;
    const std::size_t sub = (index - kExact) % kSubBuckets;
    const std::size_t shift = top - 6;
    const std::uint64_t low = static_cast<std::uint64_t>(kSubBuckets + sub) << shift;
    return low + ((std::uint64_t{1} << shift) >> 1);
  }

  benchmark::State& state_;
  std::array<std::uint64_t, kBuckets> buckets_{};
  std::uint64_t operations_ = 0;
  std::uint64_t max_ = 0;
  bool reported_ = false;
};

}  // namespace benchctl

#endif  // BENCHCTL_LATENCY_H
