#include "workflow/doctor.h"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "util/enum_names.h"
#include "util/machine_load.h"

namespace benchctl::workflow {
namespace {

constexpr util::EnumNames<CheckStatus, 4> kStatusNames{{{CheckStatus::ok, "ok"},
                                                        {CheckStatus::warn, "warn"},
                                                        {CheckStatus::note, "note"},
                                                        {CheckStatus::unknown, "unknown"}}};

// Beyond these shares of a sample, the machine is too busy to measure on.
constexpr double kBusyLimit = 0.10;
constexpr double kStealLimit = 0.01;
constexpr double kPressureLimit = 0.05;

std::string percent(double share) {
  return fmt::format("{:.1f}%", 100 * share);
}

Check governor_check(const store::TuningState& t) {
  if (!t.governor) {
    return {"governor", CheckStatus::unknown,
            "no cpufreq in /sys: the frequency is set by the host (a VM) or the firmware", ""};
  }
  if (*t.governor == "performance")
    return {"governor", CheckStatus::ok, "performance on every CPU", ""};
  return {"governor", CheckStatus::warn,
          *t.governor + ": the frequency follows the load, and so do the timings",
          "benchctl doctor --tune sets performance"};
}

Check boost_check(const store::TuningState& t) {
  if (!t.boost)
    return {"boost", CheckStatus::unknown, "turbo/boost is not shown in /sys", ""};
  if (!*t.boost)
    return {"boost", CheckStatus::ok, "off", ""};
  return {"boost", CheckStatus::warn,
          "on: the clock rises while the chip is cool and idle, unevenly from run to run",
          "benchctl doctor --tune turns it off"};
}

Check smt_check(const store::TuningState& t) {
  if (!t.smt)
    return {"SMT", CheckStatus::unknown, "/sys/devices/system/cpu/smt/active is not shown", ""};
  if (!*t.smt)
    return {"SMT", CheckStatus::ok, "no sibling threads share a core", ""};
  return {"SMT", CheckStatus::warn,
          "sibling threads share cores: work on a sibling slows a benchmark down",
          "pin the workers to one thread per core (affinity: in the suite, or --affinity), or "
          "echo off > /sys/devices/system/cpu/smt/control"};
}

Check isolation_check(const store::TuningState& t) {
  if (t.isolated.empty()) {
    return {"isolated CPUs", CheckStatus::note, "none",
            "isolcpus=N nohz_full=N rcu_nocbs=N on the kernel command line keeps other tasks "
            "off CPU N; benchctl then pins its workers there by default"};
  }
  return {"isolated CPUs", CheckStatus::ok,
          fmt::format("{} (nohz_full: {}): workers are pinned there by default", t.isolated,
                      t.nohz_full.empty() ? "none" : t.nohz_full),
          ""};
}

Check aslr_check(const store::TuningState& t) {
  if (!t.aslr)
    return {"ASLR", CheckStatus::unknown, "/proc/sys/kernel/randomize_va_space is not shown", ""};
  if (*t.aslr == 0) {
    return {"ASLR", CheckStatus::note,
            "off: every process gets one memory layout, and its luck is never averaged out", ""};
  }
  return {"ASLR", CheckStatus::ok,
          fmt::format("{} ({}): each worker process draws a layout, and benchctl's processes "
                      "average over them",
                      *t.aslr, *t.aslr == 2 ? "full" : "partial"),
          ""};
}

Check hugepages_check(const store::TuningState& t) {
  if (!t.transparent_hugepages) {
    return {"huge pages", CheckStatus::unknown,
            "/sys/kernel/mm/transparent_hugepage/enabled is not shown", ""};
  }
  if (*t.transparent_hugepages == "always") {
    return {"huge pages", CheckStatus::warn,
            "transparent huge pages always: khugepaged merges pages in the background, so "
            "memory-bound timings vary from run to run",
            "benchctl doctor --tune sets madvise"};
  }
  return {"huge pages", CheckStatus::ok, "transparent huge pages " + *t.transparent_hugepages, ""};
}

Check profiling_check(const runner::MachineFacts& facts, bool root_user) {
  if (!facts.perf_event_paranoid) {
    return {"perf events", CheckStatus::unknown,
            "/proc/sys/kernel/perf_event_paranoid is not shown: perf may not work", ""};
  }
  const int level = *facts.perf_event_paranoid;
  if (root_user || level <= 1) {
    return {"perf events", CheckStatus::ok,
            fmt::format("perf_event_paranoid {}{}: perf can profile", level,
                        root_user ? " (root)" : ""),
            ""};
  }
  return {"perf events", CheckStatus::note,
          fmt::format("perf_event_paranoid {}: perf {} for this user", level,
                      level >= 3 ? "cannot profile at all" : "profiles user code only"),
          "sysctl kernel.perf_event_paranoid=1 lets perf profile; callgrind needs nothing"};
}

Check load_check(const runner::MachineFacts& facts, const Activity& a) {
  const std::string average = facts.load_average.empty()
                                  ? std::string()
                                  : fmt::format(" (load average {:.2f} over a minute, {} CPUs)",
                                                facts.load_average[0], facts.cpus);
  if (!a.busy)
    return {"load", CheckStatus::unknown, "/proc/stat cannot be read" + average, ""};
  const std::string found = fmt::format("other tasks used {} of the CPUs over {:.0f} s{}",
                                        percent(*a.busy), a.seconds, average);
  if (*a.busy > kBusyLimit) {
    return {"load", CheckStatus::warn, found,
            "measure when the machine is idle, or pin the workers away from the busy CPUs"};
  }
  return {"load", CheckStatus::ok, found, ""};
}

Check steal_check(const runner::MachineFacts& facts, const Activity& a) {
  if (!a.steal)
    return {"steal", CheckStatus::unknown, "/proc/stat cannot be read", ""};
  const std::string found =
      fmt::format("the hypervisor took {} of the CPU time{}", percent(*a.steal),
                  facts.hypervisor ? "" : " (no hypervisor flag: expected 0)");
  if (*a.steal > kStealLimit) {
    return {"steal", CheckStatus::warn, found,
            "other guests share this VM's host; a dedicated host or instance type helps"};
  }
  return {"steal", CheckStatus::ok, found, ""};
}

Check pressure_check(const Activity& a) {
  if (!a.pressure) {
    return {"CPU pressure", CheckStatus::unknown,
            "/proc/pressure/cpu is not shown (PSI: psi=1 on the kernel command line)", ""};
  }
  const std::string found =
      fmt::format("a task waited for a CPU {} of the time", percent(*a.pressure));
  if (*a.pressure > kPressureLimit)
    return {"CPU pressure", CheckStatus::warn, found, "fewer tasks at once, or pin the workers"};
  return {"CPU pressure", CheckStatus::ok, found, ""};
}

Check swap_check(const runner::MachineFacts& facts, const Activity& a) {
  if (a.swapped_pages && *a.swapped_pages > 0) {
    return {"swap", CheckStatus::warn,
            fmt::format("{} pages swapped in or out during the sample", *a.swapped_pages),
            "free memory, or lower the benchmarks' footprint"};
  }
  if (!facts.swap_total_kb)
    return {"swap", CheckStatus::unknown, "/proc/meminfo cannot be read", ""};
  if (*facts.swap_total_kb == 0)
    return {"swap", CheckStatus::ok, "no swap", ""};
  const std::int64_t used = *facts.swap_total_kb - facts.swap_free_kb.value_or(0);
  return {"swap", used > 0 ? CheckStatus::note : CheckStatus::ok,
          fmt::format("{} MiB of {} MiB in use, none moved during the sample", used / 1024,
                      *facts.swap_total_kb / 1024),
          ""};
}

Check thermal_check(const Activity& a) {
  if (!a.throttle_events) {
    return {"thermal", CheckStatus::unknown,
            "throttling is not shown (no thermal_throttle counters: most VMs)", ""};
  }
  if (*a.throttle_events > 0) {
    return {"thermal", CheckStatus::warn,
            fmt::format("{} throttling events during the sample", *a.throttle_events),
            "cool the machine, or turn boost off (benchctl doctor --tune)"};
  }
  return {"thermal", CheckStatus::ok, "no throttling during the sample", ""};
}

Check virtualization_check(const runner::MachineFacts& facts) {
  std::string found;
  if (facts.hypervisor)
    found = "a virtual machine (the CPUs' hypervisor flag)";
  if (!facts.container.empty())
    found += (found.empty() ? "" : ", ") + std::string("in a container (") + facts.container + ")";
  if (found.empty())
    return {"virtualization", CheckStatus::ok, "bare metal, no container seen", ""};
  return {"virtualization", CheckStatus::note, found,
          "other guests can take CPU time (steal) and the host sets the frequency; compare runs "
          "of one machine only (benchctl does)"};
}

}  // namespace

std::string name_of(CheckStatus status) {
  return util::name_of(kStatusNames, status);
}

bool Examination::quiet_enough() const {
  return std::none_of(checks.begin(), checks.end(),
                      [](const Check& c) { return c.status == CheckStatus::warn; });
}

std::vector<Check> judge_machine(const runner::MachineFacts& facts, const Activity& activity,
                                 bool root_user) {
  const store::TuningState& t = facts.tuning;
  std::vector<Check> checks = {governor_check(t),
                               boost_check(t),
                               smt_check(t),
                               isolation_check(t),
                               aslr_check(t),
                               hugepages_check(t),
                               profiling_check(facts, root_user),
                               load_check(facts, activity),
                               steal_check(facts, activity),
                               pressure_check(activity),
                               swap_check(facts, activity),
                               thermal_check(activity),
                               virtualization_check(facts)};
  for (const std::string& file : facts.unreadable) {
    checks.push_back({"unreadable", CheckStatus::unknown, file + " exists and cannot be read",
                      "run benchctl doctor as a user who can read it"});
  }
  return checks;
}

Examination examine_machine(std::chrono::milliseconds sample, const std::filesystem::path& root) {
  const runner::MachineFacts before = runner::read_machine_facts(root);
  const util::CpuCounters counters_before = util::read_cpu_counters();
  std::this_thread::sleep_for(sample);
  const util::CpuCounters counters_after = util::read_cpu_counters();
  const runner::MachineFacts after = runner::read_machine_facts(root);

  Activity activity;
  const util::CpuLoad load = util::load_between(counters_before, counters_after);
  activity.busy = load.busy;
  activity.steal = load.steal;
  activity.pressure = load.pressure;
  activity.seconds = std::chrono::duration<double>(sample).count();
  if (before.swapped_pages && after.swapped_pages)
    activity.swapped_pages = *after.swapped_pages - *before.swapped_pages;
  if (before.throttle_events && after.throttle_events)
    activity.throttle_events = *after.throttle_events - *before.throttle_events;

  Examination examination;
  examination.checks = judge_machine(after, activity, ::geteuid() == 0);
  examination.tuning = after.tuning;
  examination.seconds = activity.seconds;
  return examination;
}

}  // namespace benchctl::workflow
