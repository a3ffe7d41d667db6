// The SDK's latency histogram, used by LatencyRecorder (benchctl/latency.h) and by benchctl's
// load driver: durations in nanoseconds, any number of them, in constant space.
#ifndef BENCHCTL_HISTOGRAM_H
#define BENCHCTL_HISTOGRAM_H

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace benchctl {

// A log-linear histogram of durations in nanoseconds (HdrHistogram's idea): exact below 128 ns,
// then 64 buckets per power of two, so every percentile is within 0.8% of the truth, in 30 KB
// whatever the number of values. Histograms of the same kind merge by adding their buckets.
class LatencyHistogram {
 public:
  void add(std::uint64_t nanoseconds) {
    ++buckets_[bucket_of(nanoseconds)];
    ++count_;
    if (nanoseconds > max_)
      max_ = nanoseconds;
  }

  void merge(const LatencyHistogram& other) {
    for (std::size_t index = 0; index < buckets_.size(); ++index)
      buckets_[index] += other.buckets_[index];
    count_ += other.count_;
    max_ = std::max(max_, other.max_);
  }

  std::uint64_t count() const { return count_; }
  std::uint64_t max_nanoseconds() const { return max_; }
  double max_seconds() const { return static_cast<double>(max_) * 1e-9; }

  // The nearest-rank percentile in seconds (fraction in 0..1), within a bucket's width; 0 when
  // empty.
  double percentile(double fraction) const {
    if (count_ == 0)
      return 0;
    const auto rank = static_cast<std::uint64_t>(fraction * static_cast<double>(count_ - 1) + 0.5);
    std::uint64_t seen = 0;
    for (std::size_t index = 0; index < buckets_.size(); ++index) {
      seen += buckets_[index];
      if (seen > rank)
        return static_cast<double>(std::min(bucket_middle(index), max_)) * 1e-9;
    }
    return max_seconds();
  }

  // The non-empty buckets as (nanoseconds at the bucket's middle, count), ascending: what a
  // histogram is stored as.
  template <class Visit>
  void for_each_bucket(Visit&& visit) const {
    for (std::size_t index = 0; index < buckets_.size(); ++index) {
      if (buckets_[index] != 0)
        visit(std::min(bucket_middle(index), max_), buckets_[index]);
    }
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

  std::array<std::uint64_t, kBuckets> buckets_{};
  std::uint64_t count_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace benchctl

#endif  // BENCHCTL_HISTOGRAM_H
