// benchctl doctor's checks (workflow/doctor.h) on machines this one is not: /sys and /proc files
// written into a temporary root, as a machine with cpufreq, boost and throttling shows them.
#include "workflow/doctor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "runner/system_probe.h"
#include "store/tuning_state.h"

namespace benchctl {
namespace {

namespace fs = std::filesystem;

class FakeMachine : public ::testing::Test {
 protected:
  FakeMachine()
      : root_(fs::temp_directory_path() / ("benchctl-doctor-" + std::to_string(::getpid()))) {
    fs::remove_all(root_);
  }
  ~FakeMachine() override { fs::remove_all(root_); }
  void write(const std::string& file, const std::string& text) {
    fs::create_directories((root_ / file).parent_path());
    std::ofstream(root_ / file) << text;
  }
  const workflow::Check& check(const std::vector<workflow::Check>& checks,
                               const std::string& name) {
    for (const auto& c : checks) {
      if (c.name == name)
        return c;
    }
    throw std::runtime_error("no check " + name);
  }
  fs::path root_;
};

TEST_F(FakeMachine, ATunableMachineIsReadAndWarnedAbout) {
  write("sys/devices/system/cpu/online", "0-1\n");
  write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
  write("sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance\n");
  write("sys/devices/system/cpu/cpufreq/boost", "1\n");
  write("sys/devices/system/cpu/smt/active", "1\n");
  write("sys/devices/system/cpu/isolated", "1\n");
  write("sys/devices/system/cpu/nohz_full", "1\n");
  write("sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count", "5\n");
  write("sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
  write("proc/sys/kernel/randomize_va_space", "2\n");
  write("proc/sys/kernel/perf_event_paranoid", "3\n");
  write("proc/meminfo", "MemTotal: 100 kB\nSwapTotal: 2048 kB\nSwapFree: 1024 kB\n");
  write("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu sse2 hypervisor\n");
  write("proc/loadavg", "0.50 0.40 0.30 1/100 1234\n");

  const runner::MachineFacts facts = runner::read_machine_facts(root_);
  EXPECT_EQ(facts.tuning.governor, "performance,powersave");
  EXPECT_EQ(facts.tuning.boost, true);
  EXPECT_EQ(facts.tuning.smt, true);
  EXPECT_EQ(facts.tuning.isolated, "1");
  EXPECT_EQ(facts.tuning.aslr, 2);
  EXPECT_EQ(facts.tuning.transparent_hugepages, "always");
  EXPECT_EQ(facts.throttle_events, 5u);
  EXPECT_TRUE(facts.hypervisor);
  EXPECT_EQ(facts.cpus, 2);
  EXPECT_EQ(facts.tuning, runner::read_tuning_state(root_));

  workflow::Activity quiet;
  quiet.busy = 0.01;
  quiet.steal = 0;
  quiet.pressure = 0;
  quiet.swapped_pages = 0;
  quiet.throttle_events = 2;
  quiet.seconds = 3;
  const auto checks = workflow::judge_machine(facts, quiet, false);
  for (const char* warned : {"governor", "boost", "SMT", "huge pages", "thermal"})
    EXPECT_EQ(check(checks, warned).status, workflow::CheckStatus::warn) << warned;
  for (const char* fine : {"isolated CPUs", "ASLR", "load", "steal", "CPU pressure"})
    EXPECT_EQ(check(checks, fine).status, workflow::CheckStatus::ok) << fine;
  EXPECT_EQ(check(checks, "perf events").status, workflow::CheckStatus::note);
  EXPECT_EQ(check(checks, "swap").status, workflow::CheckStatus::note) << "1 MiB in use";
  EXPECT_EQ(check(checks, "virtualization").status, workflow::CheckStatus::note);
  EXPECT_EQ(check(workflow::judge_machine(facts, quiet, true), "perf events").status,
            workflow::CheckStatus::ok)
      << "root profiles whatever the setting";

  workflow::Activity busy = quiet;
  busy.busy = 0.5;
  busy.steal = 0.05;
  busy.pressure = 0.3;
  busy.swapped_pages = 12;
  for (const char* warned : {"load", "steal", "CPU pressure", "swap"})
    EXPECT_EQ(check(workflow::judge_machine(facts, busy, false), warned).status,
              workflow::CheckStatus::warn)
        << warned;
}

TEST_F(FakeMachine, MissingAndDamagedFilesAreUnknownAndNamed) {
  write("sys/devices/system/cpu/online", "0\n");
  write("sys/devices/system/cpu/smt/active", "yes\n");  // not a number
  write("sys/devices/system/cpu/isolated", "1-\n");     // not a CPU list
  const runner::MachineFacts facts = runner::read_machine_facts(root_);
  EXPECT_FALSE(facts.tuning.governor);
  EXPECT_FALSE(facts.tuning.smt);
  EXPECT_EQ(facts.tuning.isolated, "");
  ASSERT_EQ(facts.unreadable.size(), 2u);
  EXPECT_NE(facts.unreadable[0].find("smt/active"), std::string::npos);
  const auto checks = workflow::judge_machine(facts, {}, false);
  for (const char* unknown : {"governor", "boost", "SMT", "ASLR", "huge pages", "perf events",
                              "load", "steal", "CPU pressure", "swap", "thermal"})
    EXPECT_EQ(check(checks, unknown).status, workflow::CheckStatus::unknown) << unknown;
  EXPECT_EQ(std::count_if(checks.begin(), checks.end(),
                          [](const auto& c) { return c.name == "unreadable"; }),
            2);
}

TEST(TuningState, RoundTripsAndSaysWhatDiffers) {
  store::TuningState a;
  a.governor = "powersave";
  a.aslr = 2;
  a.isolated = "1";
  store::TuningState b = a;
  b.governor = "performance";
  b.transparent_hugepages = "madvise";
  EXPECT_EQ(nlohmann::json(a).get<store::TuningState>(), a);
  const auto tuning_of = [](const nlohmann::json& environment) {
    return environment.get<store::Environment>().tuning;
  };
  EXPECT_EQ(tuning_of({{"tuning", b}}), b);
  EXPECT_FALSE(tuning_of({{"host", "x"}})) << "a run stored before tuning was recorded";
  EXPECT_EQ(store::differences(a, b),
            (std::vector<std::string>{"governor: powersave → performance",
                                      "transparent huge pages: unknown → madvise"}));
  EXPECT_THROW(tuning_of({{"tuning", {{"aslr", "two"}}}}), StorageError);
}

}  // namespace
}  // namespace benchctl
