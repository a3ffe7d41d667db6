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

// A registry of state.range(0) templates, its templates' names in order, and parameters that fit
// every one of them.
struct Library {
  explicit Library(const benchmark::State& state)
      : registry(templates::make_registry(static_cast<std::size_t>(state.range(0)))),
        definitions(templates::make_library(static_cast<std::size_t>(state.range(0)))),
        parameters(templates::sample_parameters(definitions.front())) {}
  const std::string& name(std::size_t i) const { return definitions[i % definitions.size()].name; }

  templates::TemplateRegistry registry;
  std::vector<templates::Template> definitions;
  nlohmann::json parameters;
};

void BM_Lookup(benchmark::State& state) {
  const Library library(state);
  benchctl::LatencyRecorder latency(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& name = library.name(next++);
    auto timing = latency.measure();
    benchmark::DoNotOptimize(library.registry.find(name));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Search(benchmark::State& state) {
  const Library library(state);
  benchctl::LatencyRecorder latency(state);
  const char* queries[] = {"review", "pipeline", "incident", "AGENT", "no-such-template"};
  std::size_t next = 0;
  for (auto _ : state) {
    const char* query = queries[next++ % 5];
    auto timing = latency.measure();
    benchmark::DoNotOptimize(library.registry.search(query, next % 2 == 0 ? "code" : ""));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Instantiate(benchmark::State& state) {
  const Library library(state);
  benchctl::LatencyRecorder latency(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& name = library.name(next++);
    auto timing = latency.measure();
    benchmark::DoNotOptimize(
        templates::instantiate(library.registry.get(name), library.parameters));
  }
}

// Instantiation and execution of every step: the template system's whole overhead for a run.
void BM_Execute(benchmark::State& state) {
  const Library library(state);
  benchctl::LatencyRecorder latency(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const std::string& name = library.name(next++);
    auto timing = latency.measure();
    benchmark::DoNotOptimize(
        templates::execute(templates::instantiate(library.registry.get(name), library.parameters)));
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
