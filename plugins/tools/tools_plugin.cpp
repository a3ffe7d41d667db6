// The tools plugin: an agent's built-in tools, measured with the workloads of the pi-agent and
// llmspell v0.6 benchmark documents (../shared/seeds).
#include <benchctl/plugin.h>

#include <string>

#include "toolkit/calculator.h"
#include "toolkit/encoding.h"
#include "toolkit/sse_parser.h"
#include "toolkit/truncation.h"

namespace {

// Tool output as agents see it: log-like lines of varying length.
std::string make_lines(std::int64_t count) {
  std::string text;
  text.reserve(static_cast<std::size_t>(count) * 64);
  for (std::int64_t i = 0; i < count; ++i) {
    text += "2026-11-22T10:00:00Z INFO worker[" + std::to_string(i % 97) + "] processed request #" +
            std::to_string(i) + std::string(static_cast<std::size_t>(i % 17), '.') + "\n";
  }
  return text;
}

// An event stream exercising every rule: multi-line data, comments, event/id/retry fields, CRLF.
std::string make_event_stream(std::int64_t events) {
  std::string stream = ": connected\r\nretry: 3000\r\n\r\n";
  for (std::int64_t i = 0; i < events; ++i) {
    stream += "id: " + std::to_string(i) + "\r\n";
    if (i % 3 == 0)
      stream += "event: content_block_delta\r\n";
    stream += "data: {\"type\":\"delta\",\"index\":" + std::to_string(i) +
              ",\"text\":\"hello world\"}\r\n";
    if (i % 4 == 0)
      stream += "data: {\"continued\":true}\r\n";
    if (i % 10 == 0)
      stream += ": keep-alive\r\n";
    stream += "\r\n";
  }
  return stream;
}

void BM_TruncateHead(benchmark::State& state) {
  const std::string text = make_lines(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(toolkit::truncate_head(text));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

void BM_TruncateTail(benchmark::State& state) {
  const std::string text = make_lines(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(toolkit::truncate_tail(text));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

void BM_SseParse(benchmark::State& state) {
  const std::string stream = make_event_stream(state.range(0));
  std::int64_t parsed = 0;
  for (auto _ : state) {
    toolkit::SseParser parser([&](const toolkit::SseEvent& event) {
      benchmark::DoNotOptimize(event.data.data());
      ++parsed;
    });
    parser.feed(stream);
    parser.finish();
  }
  if (parsed != state.range(0) * static_cast<std::int64_t>(state.iterations())) {
    state.SkipWithError("the parser lost events");
  }
  state.SetItemsProcessed(parsed);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
}

void BM_Calculator(benchmark::State& state, const char* expression) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(toolkit::evaluate(expression));
  }
}

void BM_Sha256(benchmark::State& state) {
  const std::string data(1 << 20, 'x');
  for (auto _ : state) {
    benchmark::DoNotOptimize(toolkit::sha256_hex(data));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(data.size()));
}

std::string kilobyte_of_bytes() {
  std::string data(1024, '\0');
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<char>(i * 31 + 7);
  return data;
}

void BM_Base64Encode(benchmark::State& state) {
  const std::string data = kilobyte_of_bytes();
  for (auto _ : state) {
    benchmark::DoNotOptimize(toolkit::base64_encode(data));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(data.size()));
}

void BM_Base64Decode(benchmark::State& state) {
  const std::string encoded = toolkit::base64_encode(kilobyte_of_bytes());
  for (auto _ : state) {
    benchmark::DoNotOptimize(toolkit::base64_decode(encoded));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(encoded.size()));
}

void BM_UuidV4(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(toolkit::uuid_v4());
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHCTL_PLUGIN("tools", "1.0.0",
                "Agent tools: truncation, SSE parsing, calculator, hashing, Base64, UUIDs") {
  benchctl::add("truncation/head", BM_TruncateHead)->Arg(1000)->Arg(10000)->Arg(100000);
  benchctl::add("truncation/tail", BM_TruncateTail)->Arg(1000)->Arg(10000)->Arg(100000);
  benchctl::add("sse_parsing/parse", BM_SseParse)->Arg(100)->Arg(1000);
  benchctl::add("calculator/simple",
                [](benchmark::State& state) { BM_Calculator(state, "2 + 2"); });
  benchctl::add("calculator/complex",
                [](benchmark::State& state) { BM_Calculator(state, "(10 + 5) * 3 - 8 / 2"); });
  benchctl::add("hash/sha256", BM_Sha256);
  benchctl::add("base64/encode", BM_Base64Encode);
  benchctl::add("base64/decode", BM_Base64Decode);
  benchctl::add("uuid/v4", BM_UuidV4);
}
