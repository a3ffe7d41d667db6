// The load schedule's arithmetic, and the open-loop driver with real threads and clocks: a stall
// shows in every request it delays, overload is reported as backlog, late and dropped requests,
// failures are counted with their message.
#include "runner/load_driver.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

#include "util/error.h"

namespace benchctl::runner {
namespace {

using namespace std::chrono_literals;

TEST(LoadSchedule, HoldsAConstantRate) {
  const LoadSchedule schedule({1000, 2, 0, std::nullopt});
  EXPECT_DOUBLE_EQ(schedule.total(), 2000);
  EXPECT_DOUBLE_EQ(schedule.time_of(0), 0);
  EXPECT_DOUBLE_EQ(schedule.time_of(500), 0.5);
  EXPECT_DOUBLE_EQ(schedule.rate_at(1.5), 1000);
  EXPECT_DOUBLE_EQ(schedule.time_of(2000), 2) << "beyond the last request: the end";
}

TEST(LoadSchedule, RampsUpLinearlyFromNothing) {
  const LoadSchedule schedule({100, 10, 4, std::nullopt});
  EXPECT_DOUBLE_EQ(schedule.count_at(4), 200);  // the ramp carries half its rectangle
  EXPECT_DOUBLE_EQ(schedule.total(), 800);
  EXPECT_NEAR(schedule.time_of(50), 2.0, 1e-12);  // N(t) = 100 t² / 8
  EXPECT_NEAR(schedule.rate_at(1), 25, 1e-12);
  EXPECT_NEAR(schedule.time_of(300), 5.0, 1e-12);
}

TEST(LoadSchedule, ABurstReplacesTheRateForItsDuration) {
  const LoadSchedule schedule({100, 10, 0, Burst{1000, 1, 5}});
  EXPECT_DOUBLE_EQ(schedule.total(), 1900);
  EXPECT_DOUBLE_EQ(schedule.rate_at(5.5), 1000);
  EXPECT_DOUBLE_EQ(schedule.rate_at(6.5), 100);
  EXPECT_NEAR(schedule.time_of(600), 5.1, 1e-12);
  EXPECT_NEAR(schedule.time_of(1500), 6.0, 1e-12);
}

TEST(LoadSchedule, RefusesProfilesThatCannotRun) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double infinity = std::numeric_limits<double>::infinity();
  for (const LoadProfile& bad :
       {LoadProfile{0, 1, 0, std::nullopt}, LoadProfile{10, 0, 0, {}}, LoadProfile{10, 1, 2, {}},
        LoadProfile{10, 5, 0, Burst{0, 1, 1}}, LoadProfile{10, 5, 0, Burst{100, 2, 4}},
        LoadProfile{nan, 1, 0, {}}, LoadProfile{10, infinity, 0, {}}, LoadProfile{10, 1, nan, {}},
        LoadProfile{10, 5, 0, Burst{100, 1, nan}}, LoadProfile{10, 5, 0, Burst{infinity, 1, 1}}})
    EXPECT_THROW(LoadSchedule{bad}, Error);
}

// Stalls for 100 ms once a second, otherwise returns at once: at 1,000 requests a second the
// stall delays about a hundred requests, which open loop counts and closed loop does not.
class StallingOperation {
 public:
  std::optional<std::string> operator()() {
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_stall_) {
      next_stall_ = now + 1s;
      std::this_thread::sleep_for(100ms);
    }
    return std::nullopt;
  }

 private:
  std::chrono::steady_clock::time_point next_stall_ = std::chrono::steady_clock::now() + 500ms;
};

TEST(LoadDriver, OpenLoopCountsAStallForEveryRequestItDelaysClosedLoopHidesIt) {
  const LoadSchedule schedule({1000, 3, 0, std::nullopt});
  StallingOperation stalling_open, stalling_closed;
  const LoadOutcome open = drive_load(schedule, {}, std::ref(stalling_open));
  DriverSettings closed_settings;
  closed_settings.closed_loop = true;
  const LoadOutcome closed = drive_load(schedule, closed_settings, std::ref(stalling_closed));

  EXPECT_EQ(open.intended, 3000u);
  EXPECT_EQ(open.completed, 3000u);
  EXPECT_GE(open.latency.percentile(0.99), 0.050) << "p99 from the intended start";
  EXPECT_GE(open.late, 100u) << "the requests the stalls delayed";
  EXPECT_EQ(closed.completed, 3000u);
  EXPECT_LT(closed.latency.percentile(0.99), 0.001) << "p99 from the actual start hides it";
  EXPECT_GE(closed.latency.max_seconds(), 0.1) << "only the stalled request itself shows";
}

TEST(LoadDriver, OverloadShowsAsBacklogLateAndDroppedRequests) {
  // 2 ms per request on one thread is 500 a second at most; 1,000 are asked for.
  const LoadSchedule schedule({1000, 1, 0, std::nullopt});
  DriverSettings settings;
  settings.drain = 0.2;
  const LoadOutcome outcome = drive_load(schedule, settings, [] {
    std::this_thread::sleep_for(2ms);
    return std::optional<std::string>();
  });
  EXPECT_EQ(outcome.intended, 1000u);
  EXPECT_GT(outcome.dropped, 300u);
  EXPECT_EQ(outcome.sent + outcome.dropped, outcome.intended);
  EXPECT_GT(outcome.late, outcome.sent / 2);
  ASSERT_FALSE(outcome.seconds.empty());
  EXPECT_GT(outcome.seconds[0].backlog, 300u) << "after one second half the requests wait";
  EXPECT_GE(outcome.latency.percentile(0.99), 0.5);
}

TEST(LoadDriver, FailuresAndExceptionsAreCountedWithTheFirstMessage) {
  const LoadSchedule schedule({2000, 0.5, 0, std::nullopt});
  std::atomic<int> calls{0};
  DriverSettings settings;
  settings.threads = 2;
  const LoadOutcome outcome = drive_load(schedule, settings, [&]() -> std::optional<std::string> {
    const int call = calls++;
    if (call % 10 == 3)
      throw std::runtime_error("queue full");
    if (call % 10 == 7)
      return "rejected";
    return std::nullopt;
  });
  EXPECT_EQ(outcome.completed, 1000u);
  EXPECT_EQ(outcome.errors, 200u);
  EXPECT_TRUE(outcome.first_error == "queue full" || outcome.first_error == "rejected")
      << outcome.first_error;
}

TEST(LoadDriver, WarmupRequestsAreSentButNotRecorded) {
  const LoadSchedule schedule({1000, 1, 0, std::nullopt});
  DriverSettings settings;
  settings.warmup = 0.4;
  std::atomic<int> calls{0};
  const LoadOutcome outcome = drive_load(schedule, settings, [&] {
    ++calls;
    return std::optional<std::string>();
  });
  EXPECT_EQ(calls.load(), 1000);
  EXPECT_EQ(outcome.intended, 600u);
  EXPECT_EQ(outcome.completed, 600u);
}

TEST(LoadDriver, PoissonArrivalsKeepTheMeanRate) {
  const LoadSchedule schedule({4000, 1, 0, std::nullopt});
  DriverSettings settings;
  settings.arrival = Arrival::poisson;
  settings.threads = 2;
  const LoadOutcome outcome =
      drive_load(schedule, settings, [] { return std::optional<std::string>(); });
  EXPECT_NEAR(static_cast<double>(outcome.intended), 4000, 4 * std::sqrt(4000.0));
  EXPECT_EQ(outcome.completed, outcome.intended);
}

}  // namespace
}  // namespace benchctl::runner
