#include "util/subprocess.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

namespace benchctl::util {
namespace {

ChildExit shell(const std::string& script, std::vector<std::string>* lines = nullptr,
                std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  ChildSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  spec.result_pipe = true;
  spec.timeout = timeout;
  spec.kill_grace = std::chrono::milliseconds(200);
  return run_child(spec, [&](std::string_view line) {
    if (lines)
      lines->emplace_back(line);
  });
}

TEST(Subprocess, ReportsTheExitStatusAndOutputTail) {
  const ChildExit exit = shell("echo out; echo err >&2; exit 3");
  EXPECT_FALSE(exit.succeeded());
  EXPECT_EQ(exit.exit_code, 3);
  EXPECT_EQ(exit.output_tail, "out\nerr\n");
  EXPECT_EQ(exit.describe(), "exited with status 3");
}

TEST(Subprocess, ReadsResultLinesFromFd3IncludingAnUnterminatedLast) {
  std::vector<std::string> lines;
  const ChildExit exit = shell("printf 'one\\ntwo\\nthree' >&3", &lines);
  EXPECT_TRUE(exit.succeeded());
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "three"}));
}

TEST(Subprocess, NamesTheSignalThatKilledTheChild) {
  const ChildExit exit = shell("kill -SEGV $$");
  EXPECT_EQ(exit.signal, SIGSEGV);
  EXPECT_EQ(exit.describe(), "killed by SIGSEGV (Segmentation fault)");
}

TEST(Subprocess, KillsAChildThatRunsPastItsTimeoutAndItsChildren) {
  const auto started = std::chrono::steady_clock::now();
  const ChildExit exit =
      shell("sleep 30 & sleep 30; wait", nullptr, std::chrono::milliseconds(300));
  EXPECT_TRUE(exit.timed_out);
  EXPECT_EQ(exit.describe(), "timed out after 0.3 s (killed)");
  // A count, not a timing: the wait ended long before the 30 s sleeps would have.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}

TEST(Subprocess, AChildIgnoringSigtermIsKilled) {
  const ChildExit exit = shell("trap '' TERM; sleep 30", nullptr, std::chrono::milliseconds(200));
  EXPECT_TRUE(exit.timed_out);
  EXPECT_EQ(exit.signal, SIGKILL);
}

TEST(Subprocess, AProgramThatCannotStartIsReported) {
  ChildSpec spec;
  spec.argv = {"/nonexistent/program"};
  const ChildExit exit = run_child(spec);
  EXPECT_FALSE(exit.succeeded());
  EXPECT_EQ(exit.describe(), "cannot start '/nonexistent/program': No such file or directory");
}

TEST(Subprocess, KeepsOnlyTheTailOfLongOutput) {
  ChildSpec spec;
  spec.argv = {"/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line $i; i=$((i+1)); done"};
  spec.output_tail_bytes = 64;
  const ChildExit exit = run_child(spec);
  EXPECT_EQ(exit.output_tail.size(), 64u);
  EXPECT_TRUE(exit.output_tail.ends_with("line 1999\n"));
}

TEST(Subprocess, TellsTheChildItsParentAndReplacesInheritedVariables) {
  ::setenv("BENCHCTL_TEST_VARIABLE", "inherited", 1);
  ::setenv(kParentPidVariable, "1", 1);  // as if this process were itself a child
  ChildSpec spec;
  spec.argv = {"/bin/sh", "-c",
               "env | grep -E '^(BENCHCTL_TEST_VARIABLE|BENCHCTL_PARENT_PID)=' | sort"};
  spec.extra_environment = {"BENCHCTL_TEST_VARIABLE=added"};
  const ChildExit exit = run_child(spec);
  EXPECT_EQ(exit.output_tail, "BENCHCTL_PARENT_PID=" + std::to_string(::getpid()) +
                                  "\nBENCHCTL_TEST_VARIABLE=added\n");
  ::unsetenv("BENCHCTL_TEST_VARIABLE");
  ::unsetenv(kParentPidVariable);
}

TEST(Subprocess, LastLines) {
  EXPECT_EQ(last_lines("a\nb\nc\n", 2), "b\nc");
  EXPECT_EQ(last_lines("a\nb\nc", 5), "a\nb\nc");
  EXPECT_EQ(last_lines("", 3), "");
  EXPECT_EQ(last_lines("only\n", 1), "only");
}

}  // namespace
}  // namespace benchctl::util
