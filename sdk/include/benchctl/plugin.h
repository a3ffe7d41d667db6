// The benchctl plugin SDK: one macro to declare a plugin and one function to register its
// benchmarks, which are ordinary Google Benchmark functions.
//
//   #include <benchctl/plugin.h>
//
//   static void BM_Parse(benchmark::State& state) {
//     for (auto _ : state) benchmark::DoNotOptimize(parse(input));
//   }
//
//   BENCHCTL_PLUGIN("example", "1.0.0", "What this plugin measures") {
//     benchctl::add("parse", BM_Parse)->Arg(100)->Arg(1000);  // registers "example/parse/100"...
//   }
//
// Everything Google Benchmark offers (Args, Ranges, counters, SetBytesProcessed, Complexity,
// Threads, UseManualTime) works on the returned benchmark::internal::Benchmark*.
//
// Load tests drive an operation instead: a callable that performs one request, registered with
// benchctl::add_operation and named by a suite's `load:` entry, which sets the rate, duration,
// threads and arrivals. benchctl calls it from several threads at once, at the times the load
// schedule says, so it must be thread-safe. It returns true (or nothing) on success, false on
// failure; an exception is a failure with its message:
//
//   benchctl::add_operation("send", [&bus] { return bus.send(message()); });
#ifndef BENCHCTL_PLUGIN_H
#define BENCHCTL_PLUGIN_H

#include <benchctl/plugin_abi.h>
#include <benchmark/benchmark.h>

#include <boost/dll/alias.hpp>
#include <exception>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#ifndef BENCHCTL_GBENCH_VERSION
#define BENCHCTL_GBENCH_VERSION "unknown"
#endif

namespace benchctl {
namespace detail {

inline std::string& current_plugin_name() {
  static std::string name;
  return name;
}

// Runs the plugin's registration body, turning any exception into a message so that nothing
// is thrown across the C boundary.
inline const char* guarded_register(const char* plugin_name, void (*body)()) noexcept {
  static std::string failure;
  try {
    current_plugin_name() = plugin_name;
    body();
    return nullptr;
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "registration threw an exception that is not a std::exception";
  }
  return failure.c_str();
}

inline std::string qualified_name(const std::string& name) {
  return current_plugin_name() + "/" + name;
}

// Every benchmark the plugin registered, so that the host can fix their iteration counts.
inline std::vector<benchmark::internal::Benchmark*>& registered() {
  static std::vector<benchmark::internal::Benchmark*> benchmarks;
  return benchmarks;
}

inline benchmark::internal::Benchmark* remember(benchmark::internal::Benchmark* benchmark) {
  registered().push_back(benchmark);
  return benchmark;
}

inline const char* set_iterations(int64_t iterations) noexcept {
  if (iterations <= 0)
    return "the number of iterations must be positive";
  for (benchmark::internal::Benchmark* benchmark : registered())
    benchmark->Iterations(iterations);
  return nullptr;
}

struct Operation {
  std::string name;
  std::function<bool()> call;
};

inline std::vector<Operation>& operations() {
  static std::vector<Operation> registered;
  return registered;
}

inline const char* operation_name(uint32_t index) noexcept {
  return index < operations().size() ? operations()[index].name.c_str() : nullptr;
}

inline const char* call_operation(uint32_t index) noexcept {
  thread_local std::string failure;
  try {
    if (index >= operations().size()) {
      failure = "no such operation";
    } else if (operations()[index].call()) {
      return nullptr;
    } else {
      failure = "the operation returned false";
    }
  } catch (const std::exception& e) {
    failure = *e.what() != '\0' ? e.what() : "threw an exception without a message";
  } catch (...) {
    failure = "threw an exception that is not a std::exception";
  }
  return failure.c_str();
}

}  // namespace detail

// Registers a load operation as "<plugin>/<name>": `callable` performs one request and returns
// true or nothing on success, false on failure. Call it from the BENCHCTL_PLUGIN body.
template <class Callable>
void add_operation(const std::string& name, Callable&& callable) {
  std::function<bool()> call;
  if constexpr (std::is_void_v<std::invoke_result_t<Callable&>>) {
    call = [operation = std::forward<Callable>(callable)]() mutable {
      operation();
      return true;
    };
  } else {
    call = [operation = std::forward<Callable>(callable)]() mutable {
      return static_cast<bool>(operation());
    };
  }
  detail::operations().push_back({detail::qualified_name(name), std::move(call)});
}

// Registers `function` as "<plugin>/<name>". Call it from the BENCHCTL_PLUGIN body.
inline benchmark::internal::Benchmark* add(const std::string& name,
                                           void (*function)(benchmark::State&)) {
  return detail::remember(
      benchmark::RegisterBenchmark(detail::qualified_name(name).c_str(), function));
}

// Registers a callable (a lambda, possibly capturing state) as "<plugin>/<name>".
template <class Callable>
benchmark::internal::Benchmark* add(const std::string& name, Callable&& callable) {
  return detail::remember(benchmark::RegisterBenchmark(detail::qualified_name(name).c_str(),
                                                       std::forward<Callable>(callable)));
}

}  // namespace benchctl

// Declares the plugin and opens the body of its registration function.
#define BENCHCTL_PLUGIN(NAME, VERSION, DESCRIPTION)                                    \
  static void benchctl_plugin_register_body();                                         \
  static const char* benchctl_plugin_register() {                                      \
    return ::benchctl::detail::guarded_register(NAME, &benchctl_plugin_register_body); \
  }                                                                                    \
  static const benchctl_plugin_descriptor benchctl_plugin_descriptor_instance = {      \
      BENCHCTL_ABI_MAJOR,                                                              \
      BENCHCTL_ABI_MINOR,                                                              \
      NAME,                                                                            \
      VERSION,                                                                         \
      DESCRIPTION,                                                                     \
      BENCHCTL_GBENCH_VERSION,                                                         \
      &benchctl_plugin_register,                                                       \
      &::benchctl::detail::set_iterations,                                             \
      &::benchctl::detail::operation_name,                                             \
      &::benchctl::detail::call_operation};                                            \
  static const benchctl_plugin_descriptor* benchctl_plugin_entry() {                   \
    return &benchctl_plugin_descriptor_instance;                                       \
  }                                                                                    \
  BOOST_DLL_ALIAS(benchctl_plugin_entry, benchctl_plugin)                              \
  static void benchctl_plugin_register_body()

#endif  // BENCHCTL_PLUGIN_H
