// libFuzzer target: any bytes as a suite file. The only outcomes allowed are a validated suite or
// an InputError; anything else (another exception, a crash, a hang, a leak) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "suite/parser.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    // Includes resolve against the repository's suites, so that real ones can be reached.
    benchctl::suite::parse_suite(text, "fuzz.yaml", BENCHCTL_FUZZ_SUITES_DIR,
                                 {{"benchctl", "/usr/bin/benchctl"}});
  } catch (const benchctl::InputError&) {
  }
  return 0;
}
