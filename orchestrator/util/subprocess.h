// Runs a child process to completion with a deadline, the way benchctl runs workers and timed
// commands: exec'ed (never a bare fork of a threaded parent), in its own process group so that a
// timeout kills everything it started, stdout and stderr merged into one captured tail, and an
// optional result pipe on the child's fd 3 read line by line.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace benchctl::util {

struct ChildSpec {
  std::vector<std::string> argv;               // argv[0] is looked up in PATH if it has no '/'
  std::vector<std::string> extra_environment;  // "NAME=value", added to this process's
  bool result_pipe = false;                    // give the child a pipe on fd 3
  bool pad_environment = false;                // make the environment's size a multiple of 4 KiB
  std::size_t output_tail_bytes = 4096;        // how much of stdout+stderr to keep
  std::chrono::nanoseconds timeout = std::chrono::seconds(60);
  std::chrono::nanoseconds kill_grace = std::chrono::seconds(1);  // SIGTERM → SIGKILL
};

struct ChildExit {
  std::string spawn_error;  // set when the program could not be started at all
  int exit_code = -1;       // valid when signal == 0 and the child ran
  int signal = 0;           // the signal that ended the child, if any
  bool timed_out = false;
  std::chrono::nanoseconds timeout{0};
  double wall_seconds = 0;
  std::string output_tail;  // the last bytes the child wrote to stdout and stderr
  rusage usage{};

  bool succeeded() const {
    return spawn_error.empty() && !timed_out && signal == 0 && exit_code == 0;
  }
  // "exited with status 1", "killed by SIGSEGV (Segmentation fault)", "timed out after 2 s"...
  std::string describe() const;
};

// Runs the child until it exits. Every complete line the child writes to its fd 3 is handed to
// on_result_line as it arrives (a final unterminated line too). Throws Interrupted, after
// killing the child, when SIGINT or SIGTERM reached this process during the wait.
ChildExit run_child(const ChildSpec& spec,
                    const std::function<void(std::string_view)>& on_result_line = {});

// Every child run_child starts finds its parent's pid in this variable.
constexpr const char* kParentPidVariable = "BENCHCTL_PARENT_PID";

// For a child started by run_child: arms SIGKILL on the parent's death, and returns false when
// the parent has already died (before the signal could be armed). A child started through a tool
// that forks it (perf record) has that tool for a parent, and run_child's process for its
// grandparent.
bool tie_to_parent();

// "SIGSEGV (Segmentation fault)".
std::string describe_signal(int signal);

// Makes SIGINT and SIGTERM interrupt run_child instead of killing benchctl outright, so that a
// run can kill its worker and record itself as interrupted.
void install_interrupt_handlers();

// The running executable, from /proc/self/exe.
std::filesystem::path current_executable();

// The last `lines` lines of text.
std::string last_lines(std::string_view text, std::size_t lines);

}  // namespace benchctl::util
