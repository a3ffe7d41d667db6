// The kernel plugin: the phase-10 kernel benchmarks (../shared/seeds/llmspell-phase10-baseline.md
// and llmspell-performance-guide.md). Tools are measured both through the message protocol and
// directly, so that the protocol's own overhead is visible apart from the tools' work.
#include <benchctl/latency.h>
#include <benchctl/plugin.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <stdexcept>

#include "kernel/kernel.h"

namespace {

using nlohmann::json;

std::string request_text(std::int64_t id, const std::string& kind, const std::string& tool,
                         const json& arguments, const std::string& query = "") {
  kernel::Request request;
  request.id = id;
  request.kind = kind;
  request.tool = tool;
  request.query = query;
  request.arguments = arguments;
  request.caller = "bench";
  return kernel::serialize(request);
}

struct Operation {
  const char* name;
  const char* kind;
  const char* tool;
  json arguments;
  const char* query;
};

const std::vector<Operation>& operations() {
  static const std::vector<Operation> all = {
      {"calculator_simple", "tool_call", "calculator", {{"input", "2 + 2"}}, ""},
      {"calculator_complex", "tool_call", "calculator", {{"input", "(10 + 5) * 3 - 8 / 2"}}, ""},
      {"tool_info", "tool_info", "calculator", json::object(), ""},
      {"tool_search", "tool_search", "", json::object(), "json"},
      {"list_all", "list_tools", "", json::object(), ""},
      {"list_filtered", "list_tools", "", json::object(), "math"},
  };
  return all;
}

std::unique_ptr<kernel::Kernel> ready_kernel() {
  auto k = std::make_unique<kernel::Kernel>();
  k->policy().grant("bench", "*");
  return k;
}

// One request through the kernel's message path, for load tests: a tool call carrying `bytes` of
// payload, sent on a transport every load thread shares. A reply that is not ok is a failure with
// the kernel's message.
void send_message(std::size_t bytes) {
  static const auto k = ready_kernel();
  static kernel::InProcessTransport transport(*k);
  static std::atomic<std::int64_t> next_id{1};
  json arguments = {{"input", "(10 + 5) * 3 - 8 / 2"}};
  const std::string base = request_text(0, "tool_call", "calculator", arguments);
  arguments["payload"] = std::string(bytes > base.size() + 16 ? bytes - base.size() - 16 : 0, 'x');
  const std::string reply =
      transport.send(request_text(next_id++, "tool_call", "calculator", arguments)).get();
  const json parsed = json::parse(reply);
  if (!parsed.value("ok", false))
    throw std::runtime_error(parsed.value("error", std::string("a reply that is not ok")));
}

// Create the kernel, register the tools, start the transport, and receive the first reply.
void BM_StartupEmbeddedCold(benchmark::State& state) {
  benchctl::LatencyRecorder latency(state);
  const std::string first = request_text(1, "tool_info", "calculator", json::object());
  for (auto _ : state) {
    auto timing = latency.measure();
    auto k = ready_kernel();
    kernel::InProcessTransport transport(*k);
    benchmark::DoNotOptimize(transport.send(first).get());
  }
}

void BM_InProcessRoundtrip(benchmark::State& state) {
  auto k = ready_kernel();
  kernel::InProcessTransport transport(*k);
  const std::string message = request_text(1, "tool_info", "calculator", json::object());
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    benchmark::DoNotOptimize(transport.send(message).get());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ToolViaProtocol(benchmark::State& state, const Operation& op) {
  auto k = ready_kernel();
  kernel::InProcessTransport transport(*k);
  const std::string message = request_text(1, op.kind, op.tool, op.arguments, op.query);
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    const std::string reply = transport.send(message).get();
    benchmark::DoNotOptimize(json::parse(reply));
  }
}

void BM_ToolDirect(benchmark::State& state, const Operation& op) {
  auto k = ready_kernel();
  benchctl::LatencyRecorder latency(state);
  const std::string kind = op.kind;
  for (auto _ : state) {
    auto timing = latency.measure();
    if (kind == "tool_call") {
      benchmark::DoNotOptimize(k->tools().find(op.tool)->run(op.arguments));
    } else if (kind == "tool_info") {
      benchmark::DoNotOptimize(k->tools().find(op.tool));
    } else if (kind == "tool_search") {
      benchmark::DoNotOptimize(k->tools().search(op.query));
    } else {
      benchmark::DoNotOptimize(k->tools().list(op.query));
    }
  }
}

void BM_EventPublish(benchmark::State& state) {
  kernel::EventBus bus;
  std::int64_t received = 0;
  for (std::int64_t s = 0; s < state.range(0); ++s) {
    bus.subscribe(s % 2 == 0 ? "tool.*.completed" : "tool.**",
                  [&](const std::string&, const json&) { ++received; });
  }
  const json payload = {{"caller", "bench"}};
  for (auto _ : state)
    benchmark::DoNotOptimize(bus.publish("tool.calculator.completed", payload));
  state.SetItemsProcessed(state.iterations());  // events per second
  state.counters["deliveries"] =
      benchmark::Counter(static_cast<double>(received), benchmark::Counter::kIsRate);
}

void BM_PatternMatch(benchmark::State& state) {
  const auto pattern = kernel::split_topic("session.*.state.**");
  const std::string topics[] = {"session.42.state.saved", "session.42.closed",
                                "tool.calculator.completed"};
  std::size_t next = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(kernel::topic_matches(pattern, topics[next++ % 3]));
}

// A tool call through 0, 1 or 5 no-op hooks before and after it.
void BM_HookChain(benchmark::State& state) {
  auto k = ready_kernel();
  for (std::int64_t h = 0; h < state.range(0); ++h) {
    k->hooks().before([](const kernel::HookContext&) { return std::string(); });
    k->hooks().after([](const kernel::HookContext&, const json&) {});
  }
  kernel::Request request;
  request.kind = "tool_call";
  request.tool = "calculator";
  request.arguments = {{"input", "2 + 2"}};
  request.caller = "bench";
  benchctl::LatencyRecorder latency(state);
  for (auto _ : state) {
    auto timing = latency.measure();
    benchmark::DoNotOptimize(k->handle(request));
  }
}

void BM_PolicyEvaluate(benchmark::State& state) {
  kernel::CapabilityPolicy policy;
  policy.grant("agent", "math");
  policy.grant("agent", "text");
  const kernel::Tool tool{"calculator", "math", "", nullptr};
  for (auto _ : state)
    benchmark::DoNotOptimize(policy.evaluate("agent", tool));
}

// The kernel's decision for a request: look up the tool, check the policy, answer.
void BM_DispatchDecision(benchmark::State& state) {
  auto k = ready_kernel();
  kernel::Request request;
  request.kind = "tool_info";
  request.tool = "calculator";
  request.caller = "bench";
  for (auto _ : state)
    benchmark::DoNotOptimize(k->handle(request));
}

void BM_ProtocolParse(benchmark::State& state) {
  const std::string message =
      request_text(7, "tool_call", "calculator", {{"input", "(10 + 5) * 3 - 8 / 2"}});
  for (auto _ : state)
    benchmark::DoNotOptimize(kernel::parse_request(message));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
}

struct StateFixture {
  StateFixture()
      : path(std::filesystem::temp_directory_path() /
             ("benchctl-kernel-" + std::to_string(::getpid()) + ".db")),
        store(path.string()) {}
  ~StateFixture() {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path.string() + suffix);
  }
  std::filesystem::path path;
  kernel::StateStore store;
};

void BM_StateWrite(benchmark::State& state) {
  StateFixture fixture;
  benchctl::LatencyRecorder latency(state);
  std::int64_t n = 0;
  for (auto _ : state) {
    const std::string key = "session." + std::to_string(n % 1000) + ".turn";
    auto timing = latency.measure();
    fixture.store.write(key, {{"turn", n++}, {"role", "user"}});
  }
}

void BM_StateRead(benchmark::State& state) {
  StateFixture fixture;
  for (int i = 0; i < 1000; ++i)
    fixture.store.write("session." + std::to_string(i) + ".turn", {{"turn", i}});
  benchctl::LatencyRecorder latency(state);
  std::int64_t n = 0;
  for (auto _ : state) {
    const std::string key = "session." + std::to_string(n++ % 1000) + ".turn";
    auto timing = latency.measure();
    benchmark::DoNotOptimize(fixture.store.read(key));
  }
}

// Flushing state.range(0) changed entries to SQLite in one transaction.
void BM_StateFlush(benchmark::State& state) {
  StateFixture fixture;
  benchctl::LatencyRecorder latency(state);
  std::int64_t round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (std::int64_t i = 0; i < state.range(0); ++i) {
      fixture.store.write("agent." + std::to_string(i),
                          {{"round", round}, {"notes", "kept across restarts"}});
    }
    ++round;
    state.ResumeTiming();
    auto timing = latency.measure();
    benchmark::DoNotOptimize(fixture.store.flush());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_SessionCreate(benchmark::State& state) {
  StateFixture fixture;
  kernel::Sessions sessions(fixture.store);
  benchctl::LatencyRecorder latency(state);
  std::int64_t n = 0;
  for (auto _ : state) {
    const std::string id = std::to_string(n++);
    auto timing = latency.measure();
    sessions.create(id, {{"user", "bench"}, {"model", "local"}}, n);
  }
}

// Saving a session after ten turns: the flush of its record.
void BM_SessionSave(benchmark::State& state) {
  StateFixture fixture;
  kernel::Sessions sessions(fixture.store);
  benchctl::LatencyRecorder latency(state);
  std::int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string id = std::to_string(n++);
    sessions.create(id, {{"user", "bench"}}, n);
    for (int turn = 0; turn < 10; ++turn)
      sessions.add_turn(id, turn % 2 ? "assistant" : "user", "turn text");
    state.ResumeTiming();
    auto timing = latency.measure();
    benchmark::DoNotOptimize(sessions.save());
  }
}

// A state schema migration over state.range(0) stored entries; reports the cost per item.
void BM_StateMigration(benchmark::State& state) {
  StateFixture fixture;
  for (std::int64_t i = 0; i < state.range(0); ++i) {
    fixture.store.write("agent." + std::to_string(i), {{"version", 1}, {"notes", "migrate me"}});
  }
  fixture.store.flush();
  std::int64_t round = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fixture.store.migrate([&](const std::string&, json value) {
      value["version"] = 2 + round;
      value["migrated"] = true;
      return value;
    }));
    ++round;
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["per_item_us"] =
      benchmark::Counter(static_cast<double>(state.iterations() * state.range(0)) * 1e-6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// A steady stream: batches of 100 requests in flight at once through the transport; every
// request's latency from send to reply, and the messages per second.
void BM_MessageStream(benchmark::State& state) {
  auto k = ready_kernel();
  kernel::InProcessTransport transport(*k);
  const std::string message = request_text(1, "tool_call", "calculator", {{"input", "2 + 2"}});
  constexpr int kInFlight = 100;
  benchctl::LatencyRecorder latency(state);
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::future<std::string>>> pending;
  pending.reserve(kInFlight);
  for (auto _ : state) {
    for (int i = 0; i < kInFlight; ++i)
      pending.emplace_back(std::chrono::steady_clock::now(), transport.send(message));
    for (auto& [sent, reply] : pending) {
      benchmark::DoNotOptimize(reply.get());
      latency.add(std::chrono::steady_clock::now() - sent);
    }
    pending.clear();
  }
  state.SetItemsProcessed(state.iterations() * kInFlight);
}

// Peak RSS of a kernel without tools and with every tool, from the run's Peak RSS column.
void BM_KernelMemory(benchmark::State& state, bool with_tools) {
  for (auto _ : state) {
    kernel::Kernel k(":memory:", with_tools);
    k.policy().grant("bench", "*");
    kernel::InProcessTransport transport(k);
    benchmark::DoNotOptimize(
        transport.send(request_text(1, "list_tools", "", json::object())).get());
  }
}

}  // namespace

BENCHCTL_PLUGIN("kernel", "1.0.0",
                "Agent kernel: tool registry, message protocol, events, hooks, policy, state") {
  benchctl::add("startup/embedded_cold", BM_StartupEmbeddedCold)->Unit(benchmark::kMicrosecond);
  benchctl::add("message/inprocess_roundtrip", BM_InProcessRoundtrip)
      ->Unit(benchmark::kMicrosecond);
  for (const Operation& op : operations()) {
    benchctl::add(std::string("tools/") + op.name + "/protocol", [&op](benchmark::State& state) {
      BM_ToolViaProtocol(state, op);
    })->Unit(benchmark::kMicrosecond);
    benchctl::add(std::string("tools/") + op.name + "/direct",
                  [&op](benchmark::State& state) { BM_ToolDirect(state, op); });
  }
  benchctl::add("message/stream", BM_MessageStream)->Unit(benchmark::kMicrosecond);
  // The load scenarios' messages (caxton-benchmarking-suite.md: 1 KB at peak, 512 B sustained).
  benchctl::add_operation("message/1kb", [] { send_message(1024); });
  benchctl::add_operation("message/512b", [] { send_message(512); });
  benchctl::add("memory/idle", [](benchmark::State& state) { BM_KernelMemory(state, false); });
  benchctl::add("memory/all_tools", [](benchmark::State& state) { BM_KernelMemory(state, true); });
  benchctl::add("session/create", BM_SessionCreate);
  benchctl::add("session/save", BM_SessionSave)->Unit(benchmark::kMicrosecond);
  benchctl::add("state/migration", BM_StateMigration)->Arg(1000)->Unit(benchmark::kMillisecond);
  benchctl::add("events/publish", BM_EventPublish)->Arg(1)->Arg(10)->Arg(100);
  benchctl::add("events/pattern_match", BM_PatternMatch);
  benchctl::add("hooks/chain", BM_HookChain)->Arg(0)->Arg(1)->Arg(5);
  benchctl::add("policy/evaluate", BM_PolicyEvaluate);
  benchctl::add("dispatch/decision", BM_DispatchDecision);
  benchctl::add("protocol/parse", BM_ProtocolParse);
  benchctl::add("state/write", BM_StateWrite);
  benchctl::add("state/read", BM_StateRead);
  benchctl::add("state/flush", BM_StateFlush)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
}
