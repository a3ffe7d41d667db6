// An example benchctl plugin: word counting over generated text, measured at two sizes, the
// latency of single lookups in a word index, and the same lookup as a load operation.
#include <benchctl/latency.h>
#include <benchctl/plugin.h>

#include <atomic>
#include <cctype>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace {

std::string make_text(std::size_t words) {
  std::string text;
  for (std::size_t i = 0; i < words; ++i) {
    text += (i % 7 == 0) ? "benchmark" : "word" + std::to_string(i % 100);
    text += (i % 11 == 0) ? '\n' : ' ';
  }
  return text;
}

std::size_t count_words(const std::string& text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    words += (!space && !in_word) ? 1 : 0;
    in_word = !space;
  }
  return words;
}

void BM_CountWords(benchmark::State& state) {
  const std::string text = make_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(count_words(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// Per-operation latency: budgets such as `p99: 1us` apply to single lookups.
const std::unordered_map<std::string, int>& word_index() {
  static const std::unordered_map<std::string, int> index = [] {
    std::unordered_map<std::string, int> words;
    for (int i = 0; i < 100; ++i)
      words["word" + std::to_string(i)] = i;
    return words;
  }();
  return index;
}

void BM_IndexLookup(benchmark::State& state) {
  const auto& index = word_index();
  benchctl::LatencyRecorder latency(state);
  int next = 0;
  for (auto _ : state) {
    const std::string key = "word" + std::to_string(next++ % 100);
    auto timing = latency.measure();
    benchmark::DoNotOptimize(index.find(key));
  }
}

}  // namespace

BENCHCTL_PLUGIN("example", "1.0.0", "Word counting and a word index (SDK example)") {
  benchctl::add("count_words", BM_CountWords)->Arg(100)->Arg(10000);
  benchctl::add("index_lookup", BM_IndexLookup);
  // One request of an open-loop load test (a `load:` entry): called from several threads at
  // once, so it only reads; returning false (or throwing) makes the request a failure.
  benchctl::add_operation("lookup", [] {
    static std::atomic<unsigned> next{0};
    return word_index().count("word" + std::to_string(next++ % 100)) == 1;
  });
}
