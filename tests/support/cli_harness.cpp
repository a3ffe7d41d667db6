#include "cli_harness.h"

#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "util/subprocess.h"

namespace benchctl::testing {
namespace {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted.append("'\\''");
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('\'');
  return quoted;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::filesystem::path benchctl_binary() {
  return BENCHCTL_TEST_BINARY;
}
std::filesystem::path source_dir() {
  return BENCHCTL_TEST_SOURCE_DIR;
}
std::filesystem::path test_plugin_dir(const std::string& name) {
  return std::filesystem::path(BENCHCTL_TEST_PLUGIN_DIR) / name;
}

CliResult run_benchctl(const std::vector<std::string>& args,
                       const std::filesystem::path& working_directory,
                       const std::vector<std::string>& environment) {
  static std::atomic<int> counter{0};
  const std::string suffix = std::to_string(counter++);
  const auto out = working_directory / (std::string(".stdout") += suffix);
  const auto err = working_directory / (std::string(".stderr") += suffix);
  std::string command = fmt::format("cd {} && exec {}", shell_quote(working_directory.string()),
                                    shell_quote(benchctl_binary()));
  for (const std::string& arg : args)
    command += fmt::format(" {}", shell_quote(arg));
  command += fmt::format(" >{} 2>{}", shell_quote(out.string()), shell_quote(err.string()));
  util::ChildSpec spec;
  spec.argv = {"/bin/sh", "-c", command};
  spec.extra_environment = environment;
  // The tests' cache, not the user's ~/.cache.
  if (std::none_of(environment.begin(), environment.end(), [](const std::string& entry) {
        return entry.starts_with("BENCHCTL_CACHE_DIR=");
      })) {
    spec.extra_environment.push_back(std::string("BENCHCTL_CACHE_DIR=") + BENCHCTL_TEST_CACHE_DIR);
  }
  spec.timeout = std::chrono::minutes(5);
  const util::ChildExit exit = util::run_child(spec);
  CliResult result;
  result.exit_code = exit.signal != 0 ? 128 + exit.signal : exit.exit_code;
  result.out = read_file(out);
  result.err = read_file(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

TempDirectory::TempDirectory() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("benchctl-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDirectory::~TempDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDirectory::write(const std::string& name, const std::string& text) const {
  const auto path = path_ / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path;
}

std::vector<int> processes_with(const std::vector<std::string>& needles) {
  std::vector<int> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos)
      continue;
    std::string cmdline;
    try {
      std::ifstream in(entry.path() / "cmdline");
      cmdline.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } catch (const std::exception&) {
      continue;  // it ended while being read (ESRCH)
    }
    if (std::all_of(needles.begin(), needles.end(), [&](const std::string& needle) {
          return cmdline.find(needle) != std::string::npos;
        }))
      found.push_back(std::stoi(name));
  }
  return found;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty())
      lines.push_back(line);
  }
  return lines;
}

}  // namespace benchctl::testing
