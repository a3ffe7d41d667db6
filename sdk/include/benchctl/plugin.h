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
#ifndef BENCHCTL_PLUGIN_H
#define BENCHCTL_PLUGIN_H

#include <benchctl/plugin_abi.h>
#include <benchmark/benchmark.h>

#include <boost/dll/alias.hpp>
#include <exception>
#include <string>
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

}  // namespace detail

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
      &::benchctl::detail::set_iterations};                                            \
  static const benchctl_plugin_descriptor* benchctl_plugin_entry() {                   \
    return &benchctl_plugin_descriptor_instance;                                       \
  }                                                                                    \
  BOOST_DLL_ALIAS(benchctl_plugin_entry, benchctl_plugin)                              \
  static void benchctl_plugin_register_body()

#endif  // BENCHCTL_PLUGIN_H
