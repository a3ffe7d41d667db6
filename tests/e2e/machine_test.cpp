// The machine: `benchctl doctor` against what /proc and /sys say (read here, by the test), its
// --tune and --reset on the real machine, and workers pinned by `affinity` (read from
// /proc/PID/status while they run).
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <future>
#include <set>
#include <thread>

#include "cli_harness.h"

namespace benchctl::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

std::string first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

const nlohmann::json& check_named(const nlohmann::json& report, const std::string& name) {
  for (const auto& check : report["checks"]) {
    if (check["name"] == name)
      return check;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << "no check " << name;
  return none;
}

TEST(Doctor, ItsReportAgreesWithProcAndSys) {
  TempDirectory dir;
  const CliResult doctor =
      run_benchctl({"doctor", "--seconds", "0.5", "--format", "json"}, dir.path());
  ASSERT_TRUE(doctor.exit_code == 0 || doctor.exit_code == 1) << doctor.err;
  const auto report = nlohmann::json::parse(doctor.out);
  EXPECT_EQ(report["schema"], "benchctl.doctor/1");
  bool warned = false;
  for (const auto& check : report["checks"]) {
    EXPECT_TRUE(std::set<std::string>({"ok", "warn", "note", "unknown"}).contains(check["status"]))
        << check;
    warned = warned || check["status"] == "warn";
  }
  EXPECT_EQ(doctor.exit_code, warned ? 1 : 0) << "exit 1 exactly when a check warns";
  EXPECT_EQ(report["quiet_enough"], !warned);

  const auto& tuning = report["tuning"];
  const fs::path cpu = "/sys/devices/system/cpu";
  const std::string governor = first_line(cpu / "cpu0/cpufreq/scaling_governor");
  if (governor.empty()) {
    EXPECT_FALSE(tuning.contains("governor"));
    EXPECT_EQ(check_named(report, "governor")["status"], "unknown");
  } else {
    EXPECT_NE(tuning["governor"].get<std::string>().find(governor), std::string::npos);
  }
  if (const std::string smt = first_line(cpu / "smt/active"); !smt.empty()) {
    EXPECT_EQ(tuning["smt"], smt == "1");
    EXPECT_EQ(check_named(report, "SMT")["status"], smt == "1" ? "warn" : "ok");
  }
  const std::string isolated = first_line(cpu / "isolated");
  EXPECT_EQ(tuning["isolated"], isolated);
  EXPECT_EQ(check_named(report, "isolated CPUs")["status"], isolated.empty() ? "note" : "ok");
  EXPECT_EQ(tuning["aslr"], std::stoi(first_line("/proc/sys/kernel/randomize_va_space")));
  const std::string thp = first_line("/sys/kernel/mm/transparent_hugepage/enabled");
  if (!thp.empty()) {
    const std::string chosen = thp.substr(thp.find('[') + 1, thp.find(']') - thp.find('[') - 1);
    EXPECT_EQ(tuning["transparent_hugepages"], chosen);
    EXPECT_EQ(check_named(report, "huge pages")["status"], chosen == "always" ? "warn" : "ok");
  }
  const std::string paranoid = first_line("/proc/sys/kernel/perf_event_paranoid");
  EXPECT_NE(check_named(report, "perf events")["found"].get<std::string>().find(
                "perf_event_paranoid " + paranoid),
            std::string::npos);
  std::ifstream cpuinfo("/proc/cpuinfo");
  const std::string text((std::istreambuf_iterator<char>(cpuinfo)),
                         std::istreambuf_iterator<char>());
  const bool vm = text.find(" hypervisor") != std::string::npos;
  EXPECT_EQ(check_named(report, "virtualization")["found"].get<std::string>().find(
                "virtual machine") != std::string::npos,
            vm);
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  long long swap_total = -1;
  while (std::getline(meminfo, line)) {
    if (line.starts_with("SwapTotal:"))
      swap_total = std::stoll(line.substr(10));
  }
  if (swap_total == 0 && check_named(report, "swap")["status"] != "warn") {
    EXPECT_EQ(check_named(report, "swap")["found"], "no swap");
  }

  // Every format, and bad input: one line, exit 2.
  for (const char* format : {"table", "markdown", "csv"}) {
    const CliResult shown =
        run_benchctl({"doctor", "--seconds", "0.2", "--format", format}, dir.path());
    EXPECT_NE(shown.out.find("huge pages"), std::string::npos) << format;
  }
  for (const std::vector<std::string>& bad : {std::vector<std::string>{"doctor", "--seconds", "0"},
                                              {"doctor", "--seconds", "x"},
                                              {"doctor", "--tune", "--reset"},
                                              {"doctor", "--record", "f"},
                                              {"doctor", "--format", "xml"},
                                              {"doctor", "extra"}}) {
    const CliResult refused = run_benchctl(bad, dir.path());
    EXPECT_EQ(refused.exit_code, 2) << bad[1];
    EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  }
}

TEST(Doctor, TuneAndResetChangeTheMachineAndPutItBack) {
  const fs::path thp = "/sys/kernel/mm/transparent_hugepage/enabled";
  if (::geteuid() != 0 || first_line(thp).empty())
    GTEST_SKIP() << "needs root and transparent huge pages";
  TempDirectory dir;
  const std::string record = (dir / "before.json").string();
  // Not root: one line, nothing changed (setpriv is util-linux's).
  const std::string unprivileged = "setpriv --reuid=65534 --regid=65534 --clear-groups '" +
                                   benchctl_binary().string() + "' doctor --tune --record '" +
                                   record + "' 2>'" + (dir / "err").string() + "'";
  EXPECT_EQ(WEXITSTATUS(std::system(unprivileged.c_str())), 2);
  EXPECT_NE(first_line(dir / "err").find("needs root"), std::string::npos);
  EXPECT_FALSE(fs::exists(record));

  const std::string original = first_line(thp);
  const std::string chosen =
      original.substr(original.find('[') + 1, original.find(']') - original.find('[') - 1);
  std::ofstream(thp) << "always";
  // A record that cannot be written: one line, exit 2, nothing changed.
  const CliResult unwritable =
      run_benchctl({"doctor", "--tune", "--record", "/proc/benchctl-none/before.json"}, dir.path());
  const std::string untouched = first_line(thp);
  const CliResult tuned =
      run_benchctl({"doctor", "--tune", "--record", record, "--format", "json"}, dir.path());
  const std::string during = first_line(thp);
  const CliResult again = run_benchctl({"doctor", "--tune", "--record", record}, dir.path());
  const CliResult reset = run_benchctl({"doctor", "--reset", "--record", record}, dir.path());
  const std::string after = first_line(thp);
  const CliResult nothing = run_benchctl({"doctor", "--reset", "--record", record}, dir.path());
  std::ofstream(thp) << chosen;  // as the machine was before the test
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_EQ(lines_of(unwritable.err).size(), 1u) << unwritable.err;
  EXPECT_NE(untouched.find("[always]"), std::string::npos) << "the record is written first";
  ASSERT_EQ(tuned.exit_code, 0) << tuned.err;
  const auto changes = nlohmann::json::parse(tuned.out)["changes"];
  EXPECT_TRUE(std::any_of(changes.begin(), changes.end(), [&](const auto& c) {
    return c["file"] == thp.string() && c["before"] == "always" && c["after"] == "madvise";
  })) << tuned.out;
  EXPECT_NE(during.find("[madvise]"), std::string::npos);
  EXPECT_EQ(again.exit_code, 2) << "tuned twice without a reset";
  EXPECT_NE(again.err.find("doctor --reset first"), std::string::npos) << again.err;
  EXPECT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_NE(after.find("[always]"), std::string::npos) << "reset puts back what was there";
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("nothing to reset"), std::string::npos) << nothing.err;
  EXPECT_EQ(first_line(thp), original);
}

std::string allowed_cpus_of(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("Cpus_allowed_list:"))
      return line.substr(line.find_first_not_of(" \t", 18));
  }
  return {};
}

TEST(Affinity, WorkersRunOnTheirCpusAndBenchctlKeepsOffThem) {
  const unsigned cpus = std::thread::hardware_concurrency();
  if (cpus < 2)
    GTEST_SKIP() << "pinning away from benchctl needs two CPUs";
  TempDirectory dir;
  const std::string last = std::to_string(cpus - 1);
  const auto plugins = dir / "plugins";
  fs::create_directories(plugins);
  fs::copy_file(test_plugin_dir("faulty") / "benchctl_faulty.so", plugins / "benchctl_faulty.so");
  dir.write("pinned.yaml",
            "suite: pinned\nplugins: [faulty]\nschedule: sequential\n"
            "defaults: {processes: 2, repetitions: 1, min_time: 1ms, timeout: 3s, affinity: [" +
                last + "]}\nbenchmarks: [faulty/ok, faulty/hang]\n");
  auto run = std::async(std::launch::async, [&] {
    return run_benchctl({"run", "pinned.yaml", "--db", "p.db", "--plugin-path", plugins.string(),
                         "--fail-on", "none"},
                        dir.path());
  });
  // While the hanging benchmark's worker runs (until its timeout): it, and benchctl itself, as
  // the kernel has them. The last reading counts: a worker pins itself once started.
  std::string worker_cpus, host_cpus;
  while (run.wait_for(20ms) != std::future_status::ready) {
    const auto workers = processes_with({plugins.string(), "faulty/hang"});
    const auto hosts = processes_with({"pinned.yaml", "p.db"});
    if (workers.size() == 1 && hosts.size() == 1) {
      const std::string worker = allowed_cpus_of(workers.front());
      const std::string host = allowed_cpus_of(hosts.front());
      if (!worker.empty() && !host.empty()) {
        worker_cpus = worker;
        host_cpus = host;
      }
    }
  }
  const CliResult finished = run.get();
  ASSERT_EQ(finished.exit_code, 0) << finished.err;
  EXPECT_EQ(worker_cpus, last);
  EXPECT_EQ(host_cpus, cpus == 2 ? "0" : "0-" + std::to_string(cpus - 2));

  // Stored with each process, and shown.
  const CliResult shown =
      run_benchctl({"show", "1", "--db", "p.db", "--format", "json"}, dir.path());
  const auto results = nlohmann::json::parse(shown.out)["run"]["results"];
  EXPECT_EQ(results[0]["name"], "faulty/ok");
  EXPECT_EQ(results[0]["conditions"]["allowed_cpus"], nlohmann::json::array({last, last}));

  // --affinity replaces the suite's.
  const CliResult overridden =
      run_benchctl({"run", "pinned.yaml", "--db", "p.db", "--plugin-path", plugins.string(),
                    "--filter", "ok", "--affinity", "0", "--format", "json"},
                   dir.path());
  ASSERT_EQ(overridden.exit_code, 0) << overridden.err;
  EXPECT_EQ(
      nlohmann::json::parse(overridden.out)["run"]["results"][0]["conditions"]["allowed_cpus"],
      nlohmann::json::array({"0", "0"}));

  // Bad CPUs: one line, exit 2, nothing stored.
  dir.write(
      "bad.yaml",
      "suite: pinned\nplugins: [faulty]\ndefaults: {affinity: [0, x]}\nbenchmarks: [faulty/ok]\n");
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"run", "pinned.yaml", "--affinity", "4096"},
        {"run", "pinned.yaml", "--affinity", "1-0"},
        {"run", "pinned.yaml", "--affinity", "1023"},
        {"run", "bad.yaml"}}) {
    std::vector<std::string> args = bad;
    args.insert(args.end(), {"--db", "p.db", "--plugin-path", plugins.string()});
    const CliResult refused = run_benchctl(args, dir.path());
    EXPECT_EQ(refused.exit_code, 2) << refused.err;
    EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  }
  EXPECT_NE(run_benchctl({"run", "bad.yaml", "--db", "p.db", "--plugin-path", plugins.string()},
                         dir.path())
                .err.find("bad.yaml:3:26: 'affinity' has 'x'"),
            std::string::npos);
  EXPECT_EQ(lines_of(run_benchctl({"runs", "--db", "p.db"}, dir.path()).out).size(), 4u)
      << "two runs under a header and its rule";
}

}  // namespace
}  // namespace benchctl::testing
