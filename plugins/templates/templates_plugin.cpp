// The templates plugin: the Phase 12 template system's registry lookups and searches,
// instantiation and execution, with 10, 100 and 1,000 registered templates
// (../shared/seeds/llmspell-performance-guide.md: lookup < 5 ms, instantiate < 10 ms,
// execute < 50 ms of overhead).
#include <benchctl/latency.h>
#include <benchctl/plugin.h>

#include <cstddef>

#include "templates/execution.h"
#include "templates/library.h"

namespace {

std::size_t registered(const benchmark::State& state) {
  return static_cast<std::size_t>(state.range(0));
}

void BM_Lookup(benchmark::State& state) {
  const templates::TemplateRegistry registry = templates::make_registry(registered(state));
  const std::vector<templates::Template> library = templates::make_library(registered(state));
  benchctl::LatencyRecorder latency(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& name = library[next++ % library.size()].name;
    auto timing = latency.measure();
    benchmark::DoNotOptimize(registry.find(name));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Search(benchmark::State& state) {
  const templates::TemplateRegistry registry = templates::make_registry(registered(state));
  benchctl::LatencyRecorder latency(state);
  const char* queries[] = {"review", "pipeline", "incident", "AGENT", "no-such-template"};
  std::size_t next = 0;
  for (auto _ : state) {
    const char* query = queries[next++ % 5];
    auto timing = latency.measure();
    benchmark::DoNotOptimize(registry.search(query, next % 2 == 0 ? "code" : ""));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Instantiate(benchmark::State& state) {
  const templates::TemplateRegistry registry = templates::make_registry(registered(state));
  const std::vector<templates::Template> library = templates::make_library(registered(state));
  const nlohmann::json parameters = templates::sample_parameters(library.front());
  benchctl::LatencyRecorder latency(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& name = library[next++ % library.size()].name;
    auto timing = latency.measure();
    benchmark::DoNotOptimize(templates::instantiate(registry.get(name), parameters));
  }
}

void BM_Execute(benchmark::State& state) {
  const templates::TemplateRegistry registry = templates::make_registry(registered(state));
  const std::vector<templates::Template> library = templates::make_library(registered(state));
  const nlohmann::json parameters = templates::sample_parameters(library.front());
  benchctl::LatencyRecorder latency(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& name = library[next++ % library.size()].name;
    auto timing = latency.measure();
    const auto context = templates::instantiate(registry.get(name), parameters);
    benchmark::DoNotOptimize(templates::execute(context));
  }
}

}  // namespace

BENCHCTL_PLUGIN("templates", "1.0.0",
                "Template system: registry lookup and search, instantiation, execution") {
  benchctl::add("registry/lookup", BM_Lookup)->Arg(10)->Arg(100)->Arg(1000);
  benchctl::add("registry/search", BM_Search)->Arg(10)->Arg(100)->Arg(1000);
  benchctl::add("instantiate", BM_Instantiate)->Arg(10)->Arg(100)->Arg(1000);
  benchctl::add("execute", BM_Execute)->Arg(10)->Arg(100)->Arg(1000);
}
