// Google Benchmark's JSON format (--benchmark_out_format=json), both ways: a stored run exported
// so that google/benchmark's tools/compare.py reads it, and any project's benchmark output
// imported as a run.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace benchctl::interchange {

// Every repetition of every process as one "iteration" run, times in nanoseconds per iteration.
// Commands are exported like benchmarks (one iteration per run); file sizes have no time and are
// left out; failed results carry error_occurred and error_message.
nlohmann::json export_gbench(const store::RunRecord& run);

struct ImportOptions {
  std::string suite_name;  // stored as the run's suite
  std::string label;
};

// One benchmark binary's output: its file name (for messages) and the parsed document.
struct GbenchOutput {
  std::string source;
  nlohmann::json document;
};

// Stores Google Benchmark JSON documents as one run: each document is one process (run the
// binary N times and import the N outputs, and comparisons get N processes a side), each
// repetition one sample; aggregates are left out, since benchctl recomputes them. Everything is
// checked before anything is written: throws InputError naming the file and the entry.
std::int64_t import_gbench(const std::vector<GbenchOutput>& outputs, const ImportOptions& options,
                           store::Store& store);

}  // namespace benchctl::interchange
