// The JS runtime plugin: the extension-runtime benchmarks of ../shared/seeds/pi-agent-benchmarks.md
// on Duktape (cold start p95 < 200 ms, warm eval < 25 ms, empty job queue < 1 µs, tool-call
// roundtrip < 500 µs, hostcall dispatch p95 < 50 µs, hook overhead p95 < 500 µs).
#include <benchctl/latency.h>
#include <benchctl/plugin.h>

#include <chrono>

#include "jsruntime/extension_runtime.h"
#include "kernel/tool_registry.h"

namespace {

using Clock = std::chrono::steady_clock;

// The host's tools: the kernel's registry (plugins/kernel), reached from JavaScript as JSON.
jsruntime::HostApi host_api() {
  static const kernel::ToolRegistry* registry = [] {
    auto* tools = new kernel::ToolRegistry();
    kernel::add_builtin_tools(*tools);
    return tools;
  }();
  return {[](const std::string& tool, const std::string& arguments) {
    const kernel::Tool* found = registry->find(tool);
    if (found == nullptr)
      throw kernel::ToolError("no tool named '" + tool + "'");
    return found->run(nlohmann::json::parse(arguments)).dump();
  }};
}

constexpr const char* kNoopExtension = "host.on('ready', function () {});";

void BM_ColdStart(benchmark::State& state) {
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    jsruntime::ExtensionRuntime runtime(host_api());
    runtime.load_extension(kNoopExtension, "noop.js");
  }
}

void BM_ColdStartCached(benchmark::State& state) {
  const std::vector<char> bootstrap = jsruntime::ExtensionRuntime::compile_bootstrap();
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    jsruntime::ExtensionRuntime runtime(host_api(), &bootstrap);
    runtime.load_extension(kNoopExtension, "noop.js");
  }
  state.counters["bootstrap_bytes"] = static_cast<double>(bootstrap.size());
}

void BM_WarmEvalNoop(benchmark::State& state) {
  jsruntime::ExtensionRuntime runtime(host_api());
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    runtime.engine().evaluate("undefined;", "noop.js");
  }
}

void BM_RunPendingJobsEmpty(benchmark::State& state) {
  jsruntime::ExtensionRuntime runtime(host_api());
  for (auto _ : state)
    benchmark::DoNotOptimize(runtime.engine().run_pending_jobs());
}

// JS -> host tool -> JSON back -> parsed in JS.
void BM_ToolCallRoundtrip(benchmark::State& state) {
  jsruntime::ExtensionRuntime runtime(host_api());
  runtime.load_extension(
      "function roundtrip() { var r = host.callTool('calculator', {input: '2 + 2'}); if (r !== 4) "
      "throw new "
      "Error('bad result ' + r); return r; }",
      "roundtrip.js");
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    benchmark::DoNotOptimize(runtime.engine().call("roundtrip", ""));
  }
}

// One call across the connector boundary with no payload.
void BM_HostcallDispatch(benchmark::State& state) {
  jsruntime::ExtensionRuntime runtime(host_api());
  runtime.load_extension("function hostcall() { __host_noop(); }", "hostcall.js");
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    benchmark::DoNotOptimize(runtime.engine().call("hostcall", ""));
  }
}

// A tool call through one no-op JS hook; the same call without the hook runs alongside, and the
// difference is reported.
void BM_HookOverhead(benchmark::State& state) {
  jsruntime::ExtensionRuntime with_hook(host_api());
  with_hook.load_extension("host.onToolCall(function (tool, args) { return true; });", "hook.js");
  jsruntime::ExtensionRuntime without_hook(host_api());
  const std::string arguments = R"({"text":"Hello, Hooks"})";
  benchctl::LatencyRecorder latency(state);
  Clock::duration baseline{};
  for (auto _ : state) {
    {
      auto timing = latency.measure();
      benchmark::DoNotOptimize(with_hook.call_tool("uppercase", arguments));
    }
    state.PauseTiming();
    const auto start = Clock::now();
    benchmark::DoNotOptimize(without_hook.call_tool("uppercase", arguments));
    baseline += Clock::now() - start;
    state.ResumeTiming();
  }
  state.counters["without_hook_ns"] = std::chrono::duration<double, std::nano>(baseline).count() /
                                      static_cast<double>(state.iterations());
}

// The seed's workload table: N tool calls per iteration from one JS function.
void BM_Workload(benchmark::State& state) {
  jsruntime::ExtensionRuntime runtime(host_api());
  runtime.load_extension(
      "function workload(n) { var total = 0; for (var i = 0; i < +n; i++) {"
      " total += host.callTool('word_count', {text: 'call number ' + i + ' of the workload'}); } "
      "return total; }",
      "workload.js");
  const std::string calls = std::to_string(state.range(0));
  for (auto _ : state)
    benchmark::DoNotOptimize(runtime.engine().call("workload", calls));
  const double total_calls = static_cast<double>(state.iterations() * state.range(0));
  state.counters["calls_per_second"] = benchmark::Counter(total_calls, benchmark::Counter::kIsRate);
  state.counters["per_call_us"] = benchmark::Counter(
      total_calls * 1e-6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHCTL_PLUGIN("jsruntime", "1.0.0",
                "JavaScript extension runtime on Duktape: starts, evals, host calls, hooks") {
  benchctl::add("cold_start", BM_ColdStart)->Unit(benchmark::kMicrosecond);
  benchctl::add("cold_start_cached", BM_ColdStartCached)->Unit(benchmark::kMicrosecond);
  benchctl::add("warm_eval_noop", BM_WarmEvalNoop)->Unit(benchmark::kMicrosecond);
  benchctl::add("run_pending_jobs_empty", BM_RunPendingJobsEmpty);
  benchctl::add("tool_call_roundtrip", BM_ToolCallRoundtrip)->Unit(benchmark::kMicrosecond);
  benchctl::add("hostcall_dispatch", BM_HostcallDispatch)->Unit(benchmark::kMicrosecond);
  benchctl::add("hook_overhead", BM_HookOverhead)->Unit(benchmark::kMicrosecond);
  benchctl::add("workload", BM_Workload)->Arg(1)->Arg(10)->Unit(benchmark::kMicrosecond);
}
