// `benchctl doctor --tune` and `--reset`: the machine's settings that make timings steadier,
// written and put back, as pyperf's `system tune` does. Root only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace benchctl::workflow {

// One file doctor --tune wrote.
struct TuneChange {
  std::string file;
  std::string before, after;
};

// Writes what makes timings steadier: every CPU's governor to performance, boost off,
// transparent huge pages from always to madvise. The values it replaces are saved to `saved`
// first (JSON), for reset. Throws InputError when not root, or when `saved` exists (a tuning not
// yet reset: reset first), when `saved` cannot be written, and when the kernel refuses a value
// (naming the file), after what was already written has been put back.
std::vector<TuneChange> tune_machine(const std::filesystem::path& saved,
                                     const std::filesystem::path& root = "/");

// Writes back the values tune_machine saved, then removes `saved`. Throws InputError when not
// root or when there is nothing saved.
std::vector<TuneChange> reset_machine(const std::filesystem::path& saved);

// Where --tune saves what it replaced unless told: /var/lib/benchctl/tuning-before.json.
std::filesystem::path default_tuning_record();

}  // namespace benchctl::workflow
