// The memory plugin: the Phase 13 memory system's vector search (exact "inmemory" baseline vs
// HNSW), index builds, and episodic store / retrieve / context assembly
// (../shared/seeds/llmspell-performance-guide.md: HNSW search at 1,000 vectors < 10 ms, store
// < 5 ms, retrieve < 10 ms, context assembly < 50 ms).
#include <benchctl/latency.h>
#include <benchctl/plugin.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "memory/dataset.h"
#include "memory/episodic_memory.h"
#include "memory/vector_index.h"

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kSeed = 42;
constexpr std::size_t kQueries = 50;
constexpr std::size_t kTopK = 10;

std::size_t clusters_for(std::size_t count) {
  return std::max<std::size_t>(10, count / 100);
}

// `count` vectors to index and kQueries more from the same clusters, never indexed.
memory::VectorSet dataset(std::size_t count) {
  return memory::clustered_vectors(count + kQueries, clusters_for(count), kSeed);
}

memory::HnswParameters hnsw_parameters(std::size_t count) {
  memory::HnswParameters parameters;
  parameters.max_elements = count;
  return parameters;
}

// Building a 100,000-vector HNSW index takes long; every worker process of a run would repeat it.
// The data are deterministic, so the index is built once and kept in a cache directory.
fs::path cache_directory() {
  if (const char* dir = std::getenv("BENCHCTL_CACHE_DIR"))
    return dir;
  if (const char* dir = std::getenv("XDG_CACHE_HOME"))
    return fs::path(dir) / "benchctl";
  if (const char* home = std::getenv("HOME"))
    return fs::path(home) / ".cache" / "benchctl";
  return fs::temp_directory_path() / "benchctl-cache";
}

std::unique_ptr<memory::HnswIndex> hnsw_index(const memory::VectorSet& data, std::size_t count) {
  const auto parameters = hnsw_parameters(count);
  const fs::path file =
      cache_directory() /
      ("hnsw-v2-n" + std::to_string(count) + "-d" + std::to_string(data.dimension) + "-m" +
       std::to_string(parameters.m) + "-ef" + std::to_string(parameters.ef_construction) + "-seed" +
       std::to_string(kSeed) + ".bin");
  std::error_code error;
  if (fs::exists(file, error))
    return memory::HnswIndex::load(data.dimension, file.string(), parameters.ef_search);
  auto index = std::make_unique<memory::HnswIndex>(data.dimension, parameters);
  for (std::size_t i = 0; i < count; ++i)
    index->add(i, data.row(i));
  fs::create_directories(file.parent_path(), error);
  if (!error) {
    // Written aside and renamed: concurrent workers never read a half-written file.
    const fs::path partial = file.string() + "." + std::to_string(::getpid());
    index->save(partial.string());
    fs::rename(partial, file, error);
  }
  return index;
}

double mean_recall(const memory::VectorSet& data, std::size_t count,
                   const memory::VectorIndex& index) {
  memory::ExactIndex exact(data.dimension);
  for (std::size_t i = 0; i < count; ++i)
    exact.add(i, data.row(i));
  double total = 0;
  for (std::size_t q = 0; q < kQueries; ++q) {
    const float* query = data.row(count + q);
    total += memory::recall(exact.search(query, kTopK), index.search(query, kTopK));
  }
  return total / kQueries;
}

void search_loop(benchmark::State& state, const memory::VectorSet& data, std::size_t count,
                 const memory::VectorIndex& index) {
  benchctl::LatencyRecorder latency(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const float* query = data.row(count + next++ % kQueries);
    auto timing = latency.measure();
    benchmark::DoNotOptimize(index.search(query, kTopK));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SearchExact(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const memory::VectorSet data = dataset(count);
  memory::ExactIndex index(data.dimension);
  for (std::size_t i = 0; i < count; ++i)
    index.add(i, data.row(i));
  search_loop(state, data, count, index);
}

void BM_SearchHnsw(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const memory::VectorSet data = dataset(count);
  const auto index = hnsw_index(data, count);
  search_loop(state, data, count, *index);
  state.counters["recall_at_10"] = mean_recall(data, count, *index);
}

// The speed/recall trade-off: the same 10,000-vector index searched with ef = state.range(0).
void BM_HnswEfSweep(benchmark::State& state) {
  constexpr std::size_t kCount = 10000;
  const memory::VectorSet data = dataset(kCount);
  const auto index = hnsw_index(data, kCount);
  index->set_ef_search(static_cast<std::size_t>(state.range(0)));
  search_loop(state, data, kCount, *index);
  state.counters["recall_at_10"] = mean_recall(data, kCount, *index);
}

template <class Index>
void BM_IndexBuild(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const memory::VectorSet data = dataset(count);
  for (auto _ : state) {
    std::unique_ptr<memory::VectorIndex> index;
    if constexpr (std::is_same_v<Index, memory::HnswIndex>) {
      index = std::make_unique<memory::HnswIndex>(data.dimension, hnsw_parameters(count));
    } else {
      index = std::make_unique<memory::ExactIndex>(data.dimension);
    }
    for (std::size_t i = 0; i < count; ++i)
      index->add(i, data.row(i));
    benchmark::DoNotOptimize(index->size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

const char* const kWords[] = {"deploy",   "kernel", "latency", "budget", "index",   "vector",
                              "search",   "agent",  "tool",    "memory", "context", "session",
                              "user",     "error",  "retry",   "cache",  "plugin",  "suite",
                              "baseline", "report", "phase",   "hook",   "event",   "state"};

std::string episode_text(std::size_t n) {
  std::string text = "episode " + std::to_string(n) + ":";
  for (std::size_t w = 0; w < 12 + n % 9; ++w)
    text += std::string(" ") + kWords[(n * 7 + w * 13) % 24];
  return text;
}

struct MemoryFixture {
  explicit MemoryFixture(std::size_t episodes)
      : path(fs::temp_directory_path() / ("benchctl-memory-" + std::to_string(::getpid()) + ".db")),
        memory(path.string(),
               std::make_unique<memory::HnswIndex>(
                   memory::kDimension, hnsw_parameters(std::max<std::size_t>(episodes, 1024)))) {
    for (std::size_t n = 0; n < episodes; ++n) {
      memory.store(episode_text(n), {{"session", n % 17}, {"kind", "chat"}},
                   static_cast<std::int64_t>(n * 60));
    }
  }
  ~MemoryFixture() {
    for (const char* suffix : {"", "-wal", "-shm"})
      fs::remove(path.string() + suffix);
  }
  fs::path path;
  memory::EpisodicMemory memory;
};

void BM_Store(benchmark::State& state) {
  MemoryFixture fixture(0);
  benchctl::LatencyRecorder latency(state);
  std::size_t n = 0;
  for (auto _ : state) {
    const std::string text = episode_text(n);
    auto timing = latency.measure();
    fixture.memory.store(text, {{"session", n % 17}}, static_cast<std::int64_t>(n * 60));
    ++n;
  }
}

void BM_Retrieve(benchmark::State& state) {
  MemoryFixture fixture(static_cast<std::size_t>(state.range(0)));
  benchctl::LatencyRecorder latency(state);
  std::size_t n = 0;
  for (auto _ : state) {
    const std::string query = std::string(kWords[n % 24]) + " " + kWords[(n * 5) % 24] + " failure";
    ++n;
    auto timing = latency.measure();
    benchmark::DoNotOptimize(fixture.memory.retrieve(query, kTopK));
  }
}

void BM_ContextAssembly(benchmark::State& state) {
  MemoryFixture fixture(static_cast<std::size_t>(state.range(0)));
  benchctl::LatencyRecorder latency(state);
  std::size_t n = 0;
  const std::int64_t now = static_cast<std::int64_t>(state.range(0)) * 60;
  for (auto _ : state) {
    const std::string query = std::string(kWords[n % 24]) + " " + kWords[(n * 5) % 24];
    ++n;
    auto timing = latency.measure();
    benchmark::DoNotOptimize(fixture.memory.assemble_context(query, 20, 200, now));
  }
}

}  // namespace

BENCHCTL_PLUGIN("memory", "1.0.0",
                "Memory system: exact vs HNSW vector search, episodic store and retrieval") {
  for (const char* backend : {"inmemory", "hnsw"}) {
    auto* search = benchctl::add(std::string("vector_search/") + backend,
                                 std::string(backend) == "hnsw" ? BM_SearchHnsw : BM_SearchExact);
    search->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
  }
  benchctl::add("hnsw_ef", BM_HnswEfSweep)
      ->Arg(16)
      ->Arg(32)
      ->Arg(64)
      ->Arg(128)
      ->Arg(256)
      ->Unit(benchmark::kMicrosecond);
  benchctl::add("index_build/inmemory", BM_IndexBuild<memory::ExactIndex>)->Arg(1000)->Arg(10000);
  benchctl::add("index_build/hnsw", BM_IndexBuild<memory::HnswIndex>)
      ->Arg(1000)
      ->Arg(10000)
      ->Unit(benchmark::kMillisecond);
  benchctl::add("store", BM_Store)->Unit(benchmark::kMicrosecond);
  benchctl::add("retrieve", BM_Retrieve)->Arg(10000)->Unit(benchmark::kMicrosecond);
  benchctl::add("context_assembly", BM_ContextAssembly)->Arg(10000)->Unit(benchmark::kMicrosecond);
}
