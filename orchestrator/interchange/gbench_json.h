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

// Parses one file's text; throws InputError naming the file and the byte of a syntax error.
GbenchOutput parse_gbench_output(const std::string& source, const std::string& text);

// Google Benchmark JSON documents read as one run, every value checked: each document is one
// process (run the binary N times and import the N outputs, and comparisons get N processes a
// side), each repetition one sample; aggregates are left out, since benchctl recomputes them.
struct ImportedRun {
  store::NewRun run;
  struct Result {
    std::string name;
    std::vector<store::ProcessRecord> processes;
    std::string error;  // the benchmark reported an error or was skipped
  };
  std::vector<Result> results;
};

// Throws InputError naming the file and the entry for anything that is not a measurement.
ImportedRun read_gbench(const std::vector<GbenchOutput>& outputs, const ImportOptions& options);

// Stores what read_gbench read; returns the run's id.
std::int64_t store_imported(const ImportedRun& imported, store::Store& store);

}  // namespace benchctl::interchange
