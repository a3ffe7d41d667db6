// libFuzzer target: any bytes as a Google Benchmark JSON output to import. The only outcomes
// allowed are an imported run (every time positive, finite and storable) or an InputError.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "interchange/gbench_json.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto output = benchctl::interchange::parse_gbench_output("fuzz.json", text);
    const auto imported = benchctl::interchange::read_gbench({output, output}, {"fuzz", ""});
    for (const auto& result : imported.results) {
      for (const auto& process : result.processes) {
        for (const auto& sample : process.samples) {
          // What the store turns into 64-bit nanoseconds must fit them.
          if (!(*sample.real_seconds > 0 && *sample.real_seconds < 9.2e9) ||
              !(*sample.cpu_seconds >= 0 && *sample.cpu_seconds < 9.2e9))
            __builtin_trap();
        }
      }
    }
  } catch (const benchctl::InputError&) {
  }
  return 0;
}
