// What callgrind wrote when the worker asked it to dump its counts: the events it counted
// ("events: Ir Dr Dw I1mr ...") and their totals over the dump ("summary: ..."). With the cache
// simulation, an estimated cycle count as iai-callgrind derives it: L1 hits + 5 × last-level hits
// + 35 × memory accesses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace benchctl::runner {

struct CallgrindCounts {
  std::int64_t instructions = 0;          // Ir
  std::optional<std::int64_t> l1_misses;  // I1mr + D1mr + D1mw
  std::optional<std::int64_t> ll_misses;  // ILmr + DLmr + DLmw
  std::optional<double> estimated_cycles;

  CallgrindCounts operator-(const CallgrindCounts& earlier) const;
};

// Throws Error naming the file when it cannot be read or has no summary of Ir.
CallgrindCounts read_callgrind_dump(const std::filesystem::path& file);

}  // namespace benchctl::runner
