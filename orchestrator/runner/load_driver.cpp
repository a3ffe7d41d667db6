#include "runner/load_driver.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <thread>

#include "runner/peak_rss.h"
#include "util/random.h"

namespace benchctl::runner {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration span(double seconds) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

std::uint64_t nanoseconds(double seconds) {
  return seconds <= 0 ? 0 : static_cast<std::uint64_t>(std::llround(seconds * 1e9));
}

// Sleeps while the time is far and spins for the last stretch: a sleep wakes up tens of
// microseconds late, which would be the driver's error, not the operation's.
void wait_until(Clock::time_point when) {
  constexpr auto kSpin = std::chrono::microseconds(100);
  for (auto now = Clock::now(); now < when; now = Clock::now()) {
    if (when - now > 2 * kSpin)
      std::this_thread::sleep_for(when - now - kSpin);
  }
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * t.tv_usec; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// The counts (positions in the schedule's cumulative count) of one thread's requests: every
// T-th from its own offset for constant arrivals; for Poisson arrivals a Poisson process of
// rate 1/T in count space, so that the T threads together make one of rate 1.
class Counts {
 public:
  Counts(const DriverSettings& settings, int thread)
      : poisson_(settings.arrival == Arrival::poisson),
        threads_(settings.threads),
        random_(settings.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(thread)),
        count_(poisson_ ? 0 : thread) {
    if (poisson_)
      advance();
  }
  double current() const { return count_; }
  void advance() {
    if (poisson_)
      count_ += threads_ * -std::log(1 - random_.uniform());
    else
      count_ += threads_;
  }

 private:
  bool poisson_;
  double threads_;
  util::SplitMix64 random_;
  double count_;
};

struct ThreadRecord {
  std::vector<LoadSecond> seconds;
  LatencyHistogram latency, schedule_error;
  std::uint64_t intended = 0, sent = 0, completed = 0, errors = 0, late = 0, dropped = 0;
  double last_end = 0;
  std::string first_error;
  double first_error_at = 0;

  LoadSecond& second(double since_warmup) {
    const auto index = static_cast<std::size_t>(std::max(0.0, since_warmup));
    if (index >= seconds.size())
      seconds.resize(index + 1);
    return seconds[index];
  }
};

std::optional<std::string> perform(const Operation& operation) {
  try {
    return operation();
  } catch (const std::exception& e) {
    return std::string(e.what());
  } catch (...) {
    return std::string("an exception that is not a std::exception");
  }
}

void run_thread(const LoadSchedule& schedule, const DriverSettings& settings, int thread,
                const Operation& operation, Clock::time_point start,
                std::atomic<std::uint64_t>& started, ThreadRecord& record) {
  const double total = schedule.total();
  const double last_start = schedule.duration() + settings.drain;
  // Every second's histogram is allocated (and touched) before the first request, so that the
  // driver's own memory does not grow during the run and show as the operation's RSS slope.
  record.seconds.resize(
      static_cast<std::size_t>(std::ceil(std::max(0.0, last_start - settings.warmup))) + 2);
  for (Counts counts(settings, thread); counts.current() < total; counts.advance()) {
    const double intended = schedule.time_of(counts.current());
    const bool measured = intended >= settings.warmup;
    record.intended += measured ? 1 : 0;
    const Clock::time_point intended_at = start + span(intended);
    wait_until(intended_at);
    const Clock::time_point began = Clock::now();
    if (seconds_between(start, began) > last_start) {  // the rest can no longer be sent
      for (counts.advance(); counts.current() < total; counts.advance())
        record.intended += schedule.time_of(counts.current()) >= settings.warmup ? 1 : 0;
      record.dropped = record.intended - record.sent;
      break;
    }
    started.fetch_add(1, std::memory_order_relaxed);
    const std::optional<std::string> failure = perform(operation);
    const Clock::time_point ended = Clock::now();
    if (!measured)
      continue;
    const double delay = seconds_between(intended_at, began);
    const double latency = seconds_between(settings.closed_loop ? began : intended_at, ended);
    const double began_at = seconds_between(start, began) - settings.warmup;
    const double ended_at = seconds_between(start, ended) - settings.warmup;
    ++record.sent;
    ++record.second(began_at).sent;
    LoadSecond& done = record.second(ended_at);
    ++done.completed;
    ++record.completed;
    done.latency.add(nanoseconds(latency));
    done.latency_seconds += latency;
    record.latency.add(nanoseconds(latency));
    record.schedule_error.add(nanoseconds(delay));
    if (delay > settings.late_after) {
      ++record.late;
      ++record.second(began_at).late;
    }
    if (failure) {
      ++record.errors;
      ++done.errors;
      if (record.first_error.empty() || ended_at < record.first_error_at) {
        record.first_error = failure->empty() ? "failed without a message" : *failure;
        record.first_error_at = ended_at;
      }
    }
    record.last_end = std::max(record.last_end, seconds_between(start, ended));
  }
}

// What the sampler notes at the end of each second.
struct SecondSample {
  std::optional<std::int64_t> rss_bytes;
  double cpu_seconds = 0;
  std::uint64_t backlog = 0;
};

// Each second after the warm-up: the process's RSS and CPU time, and the backlog.
void sample_seconds(const LoadSchedule& schedule, const DriverSettings& settings,
                    Clock::time_point start, const std::atomic<std::uint64_t>& started,
                    const std::atomic<bool>& finished, std::vector<SecondSample>& seconds) {
  seconds.reserve(static_cast<std::size_t>(schedule.duration() + settings.drain) + 2);
  wait_until(start + span(settings.warmup));
  double cpu = cpu_seconds();
  for (std::size_t index = 0; !finished.load(); ++index) {
    const double at = settings.warmup + static_cast<double>(index + 1);
    const Clock::time_point when = start + span(at);
    while (Clock::now() < when && !finished.load())
      std::this_thread::sleep_for(
          std::min<Clock::duration>(when - Clock::now(), std::chrono::milliseconds(20)));
    if (Clock::now() < when)
      break;  // the run ended inside this second: nothing whole to sample
    SecondSample second;
    second.rss_bytes = current_rss_bytes();
    const double now_cpu = cpu_seconds();
    second.cpu_seconds = now_cpu - cpu;
    cpu = now_cpu;
    const auto due = static_cast<std::uint64_t>(std::floor(schedule.count_at(at)));
    const std::uint64_t began = started.load(std::memory_order_relaxed);
    second.backlog = due > began ? due - began : 0;
    seconds.push_back(second);
  }
}

}  // namespace

LoadOutcome drive_load(const LoadSchedule& schedule, const DriverSettings& settings,
                       const Operation& operation) {
  const int threads = std::max(1, settings.threads);
  std::vector<ThreadRecord> records(static_cast<std::size_t>(threads));
  std::vector<SecondSample> sampled;
  std::atomic<std::uint64_t> started{0};
  std::atomic<bool> finished{false};
  // Threads start first; the schedule's time zero is a little later, so none starts late.
  const Clock::time_point start = Clock::now() + std::chrono::milliseconds(5);
  std::thread sampler(sample_seconds, std::cref(schedule), std::cref(settings), start,
                      std::cref(started), std::cref(finished), std::ref(sampled));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back(run_thread, std::cref(schedule), std::cref(settings), t,
                         std::cref(operation), start, std::ref(started),
                         std::ref(records[static_cast<std::size_t>(t)]));
  }
  for (std::thread& worker : workers)
    worker.join();
  finished = true;
  sampler.join();

  LoadOutcome outcome;
  double first_error_at = 0;
  for (ThreadRecord& record : records) {
    outcome.latency.merge(record.latency);
    outcome.schedule_error.merge(record.schedule_error);
    outcome.intended += record.intended;
    outcome.sent += record.sent;
    outcome.completed += record.completed;
    outcome.errors += record.errors;
    outcome.late += record.late;
    outcome.dropped += record.dropped;
    outcome.elapsed = std::max(outcome.elapsed, record.last_end);
    if (!record.first_error.empty() &&
        (outcome.first_error.empty() || record.first_error_at < first_error_at)) {
      outcome.first_error = record.first_error;
      first_error_at = record.first_error_at;
    }
    if (record.seconds.size() > outcome.seconds.size())
      outcome.seconds.resize(record.seconds.size());
    for (std::size_t i = 0; i < record.seconds.size(); ++i) {
      LoadSecond& into = outcome.seconds[i];
      const LoadSecond& from = record.seconds[i];
      into.sent += from.sent;
      into.completed += from.completed;
      into.errors += from.errors;
      into.late += from.late;
      into.latency.merge(from.latency);
      into.latency_seconds += from.latency_seconds;
    }
  }
  if (sampled.size() > outcome.seconds.size())
    outcome.seconds.resize(sampled.size());
  for (std::size_t i = 0; i < sampled.size(); ++i) {
    outcome.seconds[i].rss_bytes = sampled[i].rss_bytes;
    outcome.seconds[i].cpu_seconds = sampled[i].cpu_seconds;
    outcome.seconds[i].backlog = sampled[i].backlog;
  }
  // The seconds allocated ahead that nothing happened in.
  while (outcome.seconds.size() > sampled.size() && outcome.seconds.back().sent == 0 &&
         outcome.seconds.back().completed == 0)
    outcome.seconds.pop_back();
  return outcome;
}

}  // namespace benchctl::runner
