// A test-only plugin whose benchmarks fail in every way a plugin can, beside two that work, so
// that the tests can check each failure becomes one failed benchmark with the right reason.
#include <benchctl/plugin.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace {

void BM_Ok(benchmark::State& state) {
  int x = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(++x);
}

// A real invalid access (to a page mapped without permissions), not undefined behaviour that a
// sanitizer would stop first.
void BM_Segfault(benchmark::State& state) {
  void* page = ::mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (auto _ : state) {
    std::fputs("about to touch a page mapped without access\n", stderr);
    *static_cast<volatile int*>(page) = 1;
  }
}

void BM_Abort(benchmark::State& state) {
  for (auto _ : state) {
    std::fputs("calling abort\n", stderr);
    std::abort();
  }
}

void BM_Throw(benchmark::State& state) {
  for (auto _ : state)
    throw std::runtime_error("the benchmark body threw on purpose");
}

void BM_Exit(benchmark::State& state) {
  for (auto _ : state)
    std::exit(0);
}

void BM_Hang(benchmark::State& state) {
  for (auto _ : state)
    std::this_thread::sleep_for(std::chrono::hours(1));
}

// Writes on benchctl's result pipe, which the protocol does not allow.
void BM_Garbage(benchmark::State& state) {
  for (auto _ : state) {
    const char garbage[] = "this is not JSON\n";
    if (::write(3, garbage, sizeof garbage - 1) < 0)
      state.SkipWithError("fd 3 is not open");
    break;
  }
}

void BM_ReportsError(benchmark::State& state) {
  for (auto _ : state) {
    state.SkipWithError("the subject is unavailable");
    break;
  }
}

}  // namespace

BENCHCTL_PLUGIN("faulty", "0.0.1",
                "Test plugin: benchmarks that crash, abort, throw, exit, hang and lie") {
  benchctl::add("ok", BM_Ok);
  benchctl::add("segfault", BM_Segfault);
  benchctl::add("abort", BM_Abort);
  benchctl::add("throw", BM_Throw);
  benchctl::add("exit", BM_Exit);
  benchctl::add("hang", BM_Hang);
  benchctl::add("garbage", BM_Garbage);
  benchctl::add("reports_error", BM_ReportsError);
  benchctl::add("ok_again", BM_Ok);
}
