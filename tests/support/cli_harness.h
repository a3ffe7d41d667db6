// Runs the real benchctl binary for end-to-end tests, each test in its own temporary directory
// with its own database.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace benchctl::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs benchctl with `args` in `working_directory`, `environment` ("NAME=value") added; stored
// builds and plugin descriptions go to the tests' shared cache (BENCHCTL_TEST_CACHE_DIR) unless
// `environment` sets BENCHCTL_CACHE_DIR.
CliResult run_benchctl(const std::vector<std::string>& args,
                       const std::filesystem::path& working_directory,
                       const std::vector<std::string>& environment = {});

// A fresh directory removed at destruction.
class TempDirectory {
 public:
  TempDirectory();
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Writes `text` to `name` in the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

std::filesystem::path benchctl_binary();
std::filesystem::path source_dir();
std::filesystem::path test_plugin_dir(const std::string& name);

// A sanitizer build: its timings are the instrumentation's as much as the code's (several times
// slower, unevenly, the more so beside other tests), so tests whose assertions are verdicts on
// timings, or time budgets, skip there; the Release workflow runs them.
constexpr bool kTimingsDistorted = BENCHCTL_TEST_UNDER_SANITIZERS;
#define BENCHCTL_SKIP_IF_TIMINGS_DISTORTED()                                       \
  do {                                                                             \
    if (::benchctl::testing::kTimingsDistorted)                                    \
      GTEST_SKIP() << "timings of a sanitizer build are not the code's: verdicts " \
                      "on them are tested in the Release workflow";                \
  } while (false)

// Lines of text, without empty ones.
std::vector<std::string> lines_of(const std::string& text);

// The processes running now whose command line (its arguments joined by NUL) contains every one
// of `needles`; a process that ends while /proc is read is left out.
std::vector<int> processes_with(const std::vector<std::string>& needles);

}  // namespace benchctl::testing
