// A test-only plugin of load operations (benchctl::add_operation) with known behaviour: one that
// does nothing, one that stalls for 100 ms once a second, one that leaks 1 MB a second, one that
// takes 200 µs of CPU (at most 5,000 a second on one thread), one that fails every tenth
// request, and one that throws.
#include <benchctl/plugin.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Runs `action` at most once a second, whichever thread gets there.
class OncePerSecond {
 public:
  template <class Action>
  void operator()(Action&& action) {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock())
      return;
    const auto now = Clock::now();
    if (now < next_)
      return;
    next_ = now + std::chrono::seconds(1);
    action();
  }

 private:
  std::mutex mutex_;
  Clock::time_point next_ = Clock::now() + std::chrono::milliseconds(500);
};

OncePerSecond stall_clock, leak_clock;
// Kept reachable to the end, past static destructors: the resident set grows and no leak checker
// sees a leak.
auto* leaked = new std::vector<char*>;
std::atomic<std::uint64_t> requests{0};

void noop(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(requests.load(std::memory_order_relaxed));
}

}  // namespace

BENCHCTL_PLUGIN("load", "1.0.0", "Test load operations: no-op, stall, leak, failing, throwing") {
  benchctl::add("noop", noop);
  benchctl::add_operation("noop", [] { requests.fetch_add(1, std::memory_order_relaxed); });
  benchctl::add_operation("stall", [] {
    stall_clock([] { std::this_thread::sleep_for(std::chrono::milliseconds(100)); });
  });
  benchctl::add_operation("leak", [] {
    leak_clock([] {
      char* block = new char[1 << 20];
      std::memset(block, 1, 1 << 20);  // touched: resident
      leaked->push_back(block);
    });
  });
  benchctl::add_operation("slow", [] {
    const auto until = Clock::now() + std::chrono::microseconds(200);
    while (Clock::now() < until) {
    }
  });
  benchctl::add_operation("failing", [] { return requests.fetch_add(1) % 10 != 9; });
  benchctl::add_operation("throwing", []() -> bool { throw std::runtime_error("queue full"); });
}
