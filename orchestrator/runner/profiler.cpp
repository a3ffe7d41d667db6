#include "runner/profiler.h"

#include <elf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <fstream>

#include "runner/benchmark_process.h"
#include "runner/profile_stacks.h"
#include "util/error.h"
#include "util/file.h"
#include "util/subprocess.h"
#include "util/temporary_directory.h"

namespace benchctl::runner {
namespace {

namespace fs = std::filesystem;

// How many callers callgrind keeps in a function's context: the worker's own frames down to
// Google Benchmark's run take some 25, what is left is the benchmark's depth.
constexpr int kCallerDepth = 100;

util::TemporaryDirectory profile_directory() {
  static int created = 0;
  return util::TemporaryDirectory(fmt::format("benchctl-profile-{}-{}", ::getpid(), ++created));
}

// The worker's outcome as an exception, when it failed.
void check(const ProcessOutcome& outcome, const suite::Job& job, const char* tool) {
  if (outcome.ok)
    return;
  std::string failure = fmt::format("{}: under {}, the worker {}", job.name, tool, outcome.failure);
  if (!outcome.output_tail.empty())
    failure += fmt::format(" (its last output: {})", util::last_lines(outcome.output_tail, 3));
  throw ProfileFailed(failure);
}

store::ProfileRecord with_callgrind(const suite::Job& job, const fs::path& executable) {
  const util::TemporaryDirectory scratch = profile_directory();
  const fs::path output = scratch.path() / "callgrind.out";
  std::vector<std::string> profiler = callgrind_command(output);
  profiler.push_back(fmt::format("--separate-callers={}", kCallerDepth));
  const ProcessOutcome outcome = profile_in_worker(job, profiler, {}, executable);
  check(outcome, job, "callgrind");
  store::ProfileRecord profile;
  profile.tool = "callgrind";
  profile.event = "Ir";
  profile.iterations = outcome.record.samples.front().iterations;
  try {
    profile.stacks =
        read_callgrind_stacks(output.string() + ".1", job.plugin_file.filename().string());
  } catch (const Error& e) {
    throw ProfileFailed(fmt::format("{}: {}", job.name, e.what()));
  }
  return profile;
}

store::ProfileRecord with_perf(const suite::Job& job, const fs::path& executable) {
  const util::TemporaryDirectory scratch = profile_directory();
  const fs::path control = scratch.path() / "control";
  const fs::path ack = scratch.path() / "ack";
  const fs::path data = scratch.path() / "perf.data";
  if (::mkfifo(control.c_str(), 0600) != 0 || ::mkfifo(ack.c_str(), 0600) != 0)
    throw ProfileFailed(
        fmt::format("cannot make perf's control fifos in {}", scratch.path().string()));
  // cpu-clock: a timer, so it works without a PMU (virtual machines); DWARF call graphs, since
  // plugins are built without frame pointers.
  const std::vector<std::string> profiler = {"perf",
                                             "record",
                                             "--quiet",
                                             "-e",
                                             "cpu-clock",
                                             "--call-graph",
                                             "dwarf",
                                             "-D",
                                             "-1",
                                             "--control",
                                             "fifo:" + control.string() + "," + ack.string(),
                                             "-o",
                                             data.string(),
                                             "--"};
  const ProcessOutcome outcome = profile_in_worker(
      job, profiler, {"--perf-control", control.string(), "--perf-ack", ack.string()}, executable);
  check(outcome, job, "perf");

  const fs::path script = scratch.path() / "perf.script";
  util::ChildSpec spec;
  spec.argv = {"sh",
               "-c",
               "exec perf script --no-demangle -i \"$1\" -F comm,period,ip,sym,dso > \"$2\"",
               "sh",
               data.string(),
               script.string()};
  spec.timeout = std::chrono::minutes(10);
  const util::ChildExit exit = util::run_child(spec);
  if (!exit.succeeded())
    throw ProfileFailed(fmt::format("{}: perf script {}: {}", job.name, exit.describe(),
                                    util::last_lines(exit.output_tail, 3)));
  std::string text;
  if (const auto problem = util::read_regular_file(script, 4096, "perf script's output", text))
    throw ProfileFailed(fmt::format("{}: {}: {}", job.name, script.string(), *problem));
  store::ProfileRecord profile;
  profile.tool = "perf";
  profile.event = "ns";
  profile.iterations = outcome.record.samples.front().iterations;
  try {
    profile.stacks = read_perf_stacks(text, job.plugin_file.filename().string());
  } catch (const Error& e) {
    throw ProfileFailed(fmt::format("{}: {}", job.name, e.what()));
  }
  return profile;
}

}  // namespace

const char* tool_name(ProfileTool tool) {
  return tool == ProfileTool::callgrind ? "callgrind" : "perf";
}

std::optional<std::string> perf_unavailable() {
  util::ChildSpec spec;
  spec.argv = {"perf", "--version"};
  spec.timeout = std::chrono::seconds(10);
  if (!util::run_child(spec).succeeded())
    return "perf is missing or does not run (Debian's linux-perf installs it)";
  std::ifstream setting("/proc/sys/kernel/perf_event_paranoid");
  int paranoid = 2;
  if (setting >> paranoid; paranoid > 2 && ::geteuid() != 0) {
    return fmt::format(
        "kernel.perf_event_paranoid is {}, which forbids perf to users (sysctl "
        "kernel.perf_event_paranoid=2 allows profiling one's own processes)",
        paranoid);
  }
  return std::nullopt;
}

bool is_stripped(const fs::path& plugin_file) {
  std::ifstream in(plugin_file, std::ios::binary);
  Elf64_Ehdr header{};
  if (!in.read(reinterpret_cast<char*>(&header), sizeof header) ||
      std::string_view(reinterpret_cast<const char*>(header.e_ident), 4) != ELFMAG ||
      header.e_ident[EI_CLASS] != ELFCLASS64) {
    return false;  // not an ELF file this reads: nothing to say about its symbols
  }
  for (int index = 0; index < header.e_shnum; ++index) {
    Elf64_Shdr section{};
    in.seekg(static_cast<std::streamoff>(header.e_shoff + index * header.e_shentsize));
    if (!in.read(reinterpret_cast<char*>(&section), sizeof section))
      return false;
    if (section.sh_type == SHT_SYMTAB)
      return false;
  }
  return true;
}

store::ProfileRecord profile_benchmark(const suite::Job& job, ProfileTool tool, double seconds,
                                       const fs::path& executable) {
  suite::Job profiled = job;
  profiled.settings.min_time = seconds;
  store::ProfileRecord profile = tool == ProfileTool::callgrind
                                     ? with_callgrind(profiled, executable)
                                     : with_perf(profiled, executable);
  profile.benchmark = job.name;
  if (is_stripped(job.plugin_file)) {
    profile.note = fmt::format(
        "{} is stripped: its own functions show as addresses (build it with -g, or keep its "
        "symbol table)",
        job.plugin_file.filename().string());
  }
  return profile;
}

}  // namespace benchctl::runner
