#include "runner/worker.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <sstream>
#include <vector>

#include "plugin/loader.h"
#include "plugin/plugin_info.h"
#include "runner/allocation_counter.h"
#include "runner/benchmark_filter.h"
#include "runner/callgrind_output.h"
#include "runner/gbench_compat.h"
#include "runner/peak_rss.h"
#include "runner/worker_output.h"
#include "runner/worker_protocol.h"
#include "util/error.h"

namespace benchctl::runner {
namespace {

// Streams every repetition as it is reported; aggregates are recomputed by benchctl itself.
class StreamingReporter : public benchmark::BenchmarkReporter {
 public:
  explicit StreamingReporter(int fd) : fd_(fd) {}

  bool ReportContext(const Context&) override { return true; }

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration)
        continue;
      if (gbench::failed(run)) {
        failure_ = fmt::format("benchmark reported an error: {}", gbench::failure_message(run));
        continue;
      }
      WorkerMessage message;
      message.type = WorkerMessage::Type::repetition;
      Repetition& r = message.repetition;
      r.name = run.benchmark_name();
      r.iterations = run.iterations;
      r.real_seconds = run.real_accumulated_time;
      r.cpu_seconds = run.cpu_accumulated_time;
      for (const auto& [name, counter] : run.counters)
        r.counters[name] = counter.value;
      write_message(fd_, message);
      ++repetitions_;
    }
  }

  int repetitions() const { return repetitions_; }
  const std::string& failure() const { return failure_; }

 private:
  int fd_;
  int repetitions_ = 0;
  std::string failure_;
};

// Google Benchmark reads its settings from command-line flags.
void initialize_benchmark(std::vector<std::string> flags) {
  flags.insert(flags.begin(), "benchctl-worker");
  std::vector<char*> argv;
  for (std::string& flag : flags)
    argv.push_back(flag.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(flags.size());
  benchmark::Initialize(&argc, argv.data());
}

std::vector<std::string> list_benchmarks() {
  initialize_benchmark({"--benchmark_list_tests=true"});
  std::ostringstream names;
  benchmark::ConsoleReporter lister;
  lister.SetOutputStream(&names);
  lister.SetErrorStream(&names);
  benchmark::RunSpecifiedBenchmarks(&lister);
  std::vector<std::string> benchmarks;
  std::istringstream lines(names.str());
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty())
      benchmarks.push_back(line);
  }
  return benchmarks;
}

}  // namespace

int describe_plugin(const std::filesystem::path& plugin_file, int result_fd) {
  return guarded(result_fd, [&] {
    const benchctl_plugin_descriptor& descriptor = plugin::load_plugin(plugin_file);
    plugin::register_benchmarks(descriptor, plugin_file);
    plugin::PluginInfo info;
    info.file = plugin_file;
    info.name = descriptor.name;
    info.version = descriptor.version ? descriptor.version : "";
    info.description = descriptor.description ? descriptor.description : "";
    info.abi = fmt::format("{}.{}", descriptor.abi_major, descriptor.abi_minor);
    info.benchmark_version = descriptor.benchmark_version ? descriptor.benchmark_version : "";
    info.benchmarks = list_benchmarks();
    info.operations = plugin::operation_names(descriptor);
    // Everything a plugin registers is named under the plugin's name.
    const std::string prefix = info.name + "/";
    auto check_namespace = [&](const std::vector<std::string>& names, const char* what,
                               const char* sdk_call) {
      for (const std::string& name : names) {
        if (!name.starts_with(prefix)) {
          throw InputError(
              fmt::format("{}: plugin '{}' registered {}'{}' outside its namespace '{}' (use {})",
                          plugin_file.string(), info.name, what, name, prefix, sdk_call));
        }
      }
    };
    check_namespace(info.benchmarks, "", "benchctl::add");
    check_namespace(info.operations, "operation ", "benchctl::add_operation");
    write_line(result_fd,
               nlohmann::json{{"type", "plugin"}, {"plugin", plugin::to_json(info)}}.dump());
    return 0;
  });
}

namespace {

// Collects the failures of runs whose figures come from callgrind, not from Google Benchmark.
class FailureReporter : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Iteration && gbench::failed(run))
        failure_ = fmt::format("benchmark reported an error: {}", gbench::failure_message(run));
    }
  }
  const std::string& failure() const { return failure_; }

 private:
  std::string failure_;
};

// A benchmark run for fixed numbers of iterations (the SDK's set_iterations, ABI 1.1), one Google
// Benchmark run per call, so that a counter switched on and off around a call sees that run alone.
class FixedIterationRuns {
 public:
  // The plugin's benchmarks are registered already. Throws InputError for a plugin of ABI 1.0,
  // saying that `what` needs a later one.
  FixedIterationRuns(const benchctl_plugin_descriptor& descriptor, std::string benchmark,
                     const char* what)
      : descriptor_(descriptor), benchmark_(std::move(benchmark)) {
    if (descriptor.abi_minor < 1 || descriptor.set_iterations == nullptr) {
      throw InputError(fmt::format(
          "plugin '{}' was built with the benchctl SDK of ABI {}.{}; {} needs ABI 1.1 or later (a "
          "fixed number of iterations): rebuild it against this benchctl",
          descriptor.name, descriptor.abi_major, descriptor.abi_minor, what));
    }
    // A fixed number of iterations shows in the name: "name/iterations:N".
    std::string filter = exact_filter(benchmark_);
    filter.insert(filter.size() - 1, "(/iterations:[0-9]+)?");
    initialize_benchmark({"--benchmark_filter=" + filter, "--benchmark_repetitions=1",
                          gbench::warmup_flag(0), "--benchmark_enable_random_interleaving=false"});
  }

  // Runs `iterations`, with `counting(true)` right before Google Benchmark's run and
  // `counting(false)` right after it. Throws for a benchmark the plugin lacks or one that reported
  // an error.
  template <class Counting>
  void run(std::int64_t iterations, Counting&& counting) {
    if (const char* failure = descriptor_.set_iterations(iterations))
      throw Error(
          fmt::format("plugin '{}' cannot fix its iterations: {}", descriptor_.name, failure));
    counting(true);
    const std::size_t matched = benchmark::RunSpecifiedBenchmarks(&reporter_);
    counting(false);
    if (matched == 0) {
      throw InputError(
          fmt::format("plugin '{}' has no benchmark named '{}'", descriptor_.name, benchmark_));
    }
    if (!reporter_.failure().empty())
      throw Error(reporter_.failure());
  }

 private:
  const benchctl_plugin_descriptor& descriptor_;
  std::string benchmark_;
  FailureReporter reporter_;
};

int count_instructions(const WorkerRunRequest& request, int result_fd) {
  return guarded(result_fd, [&] {
    if (!RUNNING_ON_VALGRIND)
      throw Error("counting instructions needs the worker to run under valgrind --tool=callgrind");
    const benchctl_plugin_descriptor& descriptor = plugin::load_plugin(request.plugin_file);
    plugin::register_benchmarks(descriptor, request.plugin_file);
    FixedIterationRuns runs(descriptor, request.benchmark, "counting instructions");
    // Runs the benchmark for `iterations` with collection on, then dumps the counts.
    int dumps = 0;
    auto run = [&](std::int64_t iterations) {
      runs.run(iterations, [](bool) { CALLGRIND_TOGGLE_COLLECT; });
      CALLGRIND_DUMP_STATS;
      return read_callgrind_dump(request.callgrind_out.string() + "." + std::to_string(++dumps));
    };
    // Every repetition is counted before any is reported, and one more comes first, not reported:
    // whatever the benchmark, Google Benchmark, the allocator, reading callgrind's dumps or
    // writing results set up lazily would otherwise be counted in some repetitions and not in
    // others (measured: some 500 instructions).
    std::vector<CallgrindCounts> counts;
    for (int repetition = -1; repetition < request.repetitions; ++repetition) {
      const CallgrindCounts once = run(request.iterations);
      const CallgrindCounts twice = run(2 * request.iterations);
      if (repetition >= 0)
        counts.push_back(twice - once);
    }
    for (const CallgrindCounts& counted : counts) {
      WorkerMessage message;
      message.type = WorkerMessage::Type::repetition;
      Repetition& r = message.repetition;
      r.name = request.benchmark;
      r.iterations = request.iterations;
      r.instructions = counted.instructions;
      if (counted.l1_misses) {
        r.counters["l1_misses"] = static_cast<double>(*counted.l1_misses);
        r.counters["ll_misses"] = static_cast<double>(*counted.ll_misses);
        r.counters["estimated_cycles"] = *counted.estimated_cycles;
      }
      write_message(result_fd, message);
    }
    write_done(result_fd, std::nullopt);
    return 0;
  });
}

// The allocations of one iteration, counted by benchctl-alloc.so (preloaded) around runs of N
// iterations and 2N: the difference leaves out what runs once per run (the fixture's setup,
// Google Benchmark's own bookkeeping). One more run first, not counted, sets up whatever is set
// up lazily. N is a tenth of the iterations the timed repetitions ran (`request.iterations`).
store::AllocationCounts count_allocations(const benchctl_plugin_descriptor& descriptor,
                                          const WorkerRunRequest& request) {
  FixedIterationRuns runs(descriptor, request.benchmark, "counting allocations");
  const auto start =
      reinterpret_cast<void (*)()>(dlsym(RTLD_DEFAULT, "benchctl_allocations_start"));
  const auto stop = reinterpret_cast<benchctl_allocation_counts (*)()>(
      dlsym(RTLD_DEFAULT, "benchctl_allocations_stop"));
  if (start == nullptr || stop == nullptr)
    throw Error("counting allocations needs benchctl-alloc.so preloaded (LD_PRELOAD)");
  auto run = [&](std::int64_t iterations) {
    benchctl_allocation_counts counts{};
    runs.run(iterations, [&](bool on) {
      if (on)
        start();
      else
        counts = stop();
    });
    return counts;
  };
  // A tenth of what the timed repetitions ran, at most 499: a few percent of their time. N and 2N
  // have as many digits, since the name Google Benchmark allocates ("name/iterations:N") would
  // otherwise be a byte longer in one run than in the other.
  std::int64_t n = std::clamp<std::int64_t>(request.iterations / 10, 1, 499);
  while (std::to_string(n).size() != std::to_string(2 * n).size())
    --n;
  run(n);
  const benchctl_allocation_counts once = run(n);
  const benchctl_allocation_counts twice = run(2 * n);
  auto per_iteration = [&](std::uint64_t a, std::uint64_t b) {
    return b > a ? static_cast<double>(b - a) / static_cast<double>(n) : 0.0;
  };
  return {per_iteration(once.allocations, twice.allocations),
          per_iteration(once.frees, twice.frees), per_iteration(once.bytes, twice.bytes)};
}

// Switches perf's collection through its control fifo (`perf record --control fifo:CTL,ACK`),
// waiting for each acknowledgement so that collection is on before the benchmark starts.
class PerfControl {
 public:
  PerfControl(const std::filesystem::path& control, const std::filesystem::path& ack)
      : control_(::open(control.c_str(), O_WRONLY | O_CLOEXEC)),
        ack_(::open(ack.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (control_ < 0 || ack_ < 0)
      throw Error(fmt::format("cannot open perf's control fifo {}", control.string()));
  }
  PerfControl(const PerfControl&) = delete;
  PerfControl& operator=(const PerfControl&) = delete;
  ~PerfControl() {
    ::close(control_);
    ::close(ack_);
  }

  void collect(bool on) {
    const std::string_view command = on ? "enable\n" : "disable\n";
    if (::write(control_, command.data(), command.size()) != static_cast<ssize_t>(command.size()))
      throw Error("perf's control fifo closed");
    char answer[16];
    if (::read(ack_, answer, sizeof answer) <= 0)
      throw Error("perf did not acknowledge on its control fifo");
  }

 private:
  int control_;
  int ack_;
};

// The iterations that run about `seconds` by this process's clock, found from runs of 1, 10, 100...
// iterations until one takes a tenth of that. One iteration runs first, untimed: whatever the
// benchmark sets up lazily would make a short run look long.
std::int64_t iterations_for(FixedIterationRuns& runs, double seconds) {
  runs.run(1, [](bool) {});
  for (std::int64_t n = 1;; n *= 10) {
    const auto start = std::chrono::steady_clock::now();
    runs.run(n, [](bool) {});
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (took >= seconds / 10 || n >= 1'000'000'000) {
      return std::max<std::int64_t>(
          1, static_cast<std::int64_t>(static_cast<double>(n) * seconds / std::max(took, 1e-9)));
    }
  }
}

}  // namespace

int run_benchmark(const WorkerRunRequest& request, int result_fd) {
  if (request.count_instructions)
    return count_instructions(request, result_fd);
  if (request.count_allocations) {
    return guarded(result_fd, [&] {
      const benchctl_plugin_descriptor& descriptor = plugin::load_plugin(request.plugin_file);
      plugin::register_benchmarks(descriptor, request.plugin_file);
      write_done(result_fd, std::nullopt, count_allocations(descriptor, request));
      return 0;
    });
  }
  return guarded(result_fd, [&] {
    const benchctl_plugin_descriptor& descriptor = plugin::load_plugin(request.plugin_file);
    plugin::register_benchmarks(descriptor, request.plugin_file);
    initialize_benchmark(
        {"--benchmark_filter=" + exact_filter(request.benchmark),
         fmt::format("--benchmark_repetitions={}", request.repetitions),
         gbench::min_time_flag(request.min_time), gbench::warmup_flag(request.warmup),
         "--benchmark_report_aggregates_only=false", "--benchmark_display_aggregates_only=false",
         "--benchmark_enable_random_interleaving=false"});
    StreamingReporter reporter(result_fd);
    reset_peak_rss();
    const std::size_t matched = benchmark::RunSpecifiedBenchmarks(&reporter);
    if (matched == 0) {
      throw InputError(fmt::format("plugin '{}' has no benchmark named '{}'", descriptor.name,
                                   request.benchmark));
    }
    if (!reporter.failure().empty())
      throw Error(reporter.failure());
    write_done(result_fd, peak_rss_bytes());
    return 0;
  });
}

int profile_benchmark(const WorkerRunRequest& request, int result_fd) {
  return guarded(result_fd, [&] {
    const bool under_perf = !request.perf_control.empty();
    if (!under_perf && !RUNNING_ON_VALGRIND)
      throw Error("profiling needs the worker under valgrind --tool=callgrind or perf record");
    const benchctl_plugin_descriptor& descriptor = plugin::load_plugin(request.plugin_file);
    plugin::register_benchmarks(descriptor, request.plugin_file);
    FixedIterationRuns runs(descriptor, request.benchmark, "profiling");
    const std::int64_t iterations = iterations_for(runs, request.min_time);
    const auto start = std::chrono::steady_clock::now();
    if (under_perf) {
      PerfControl perf(request.perf_control, request.perf_ack);
      runs.run(iterations, [&](bool on) { perf.collect(on); });
    } else {
      runs.run(iterations, [](bool) { CALLGRIND_TOGGLE_COLLECT; });
      CALLGRIND_DUMP_STATS;
    }
    WorkerMessage message;
    message.type = WorkerMessage::Type::repetition;
    message.repetition.name = request.benchmark;
    message.repetition.iterations = iterations;
    // Under the profiler: how long the profiled run took, not what the benchmark costs.
    message.repetition.real_seconds = message.repetition.cpu_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    write_message(result_fd, message);
    write_done(result_fd, std::nullopt);
    return 0;
  });
}

}  // namespace benchctl::runner
