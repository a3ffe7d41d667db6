#include "suite/parser.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "util/error.h"

namespace benchctl::suite {
namespace {

Suite parse(const std::string& text) {
  return parse_suite(text, "s.yaml", "/suites", {{"benchctl", "/opt/bin/benchctl"}});
}

// The one-line message a suite produces, or "" when it parses.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    return e.what();
  }
  return "";
}

constexpr const char* kHeader = "suite: t\nplugins: [tools]\n";

TEST(SuiteParser, ParsesAFullSuite) {
  const Suite suite = parse(R"(suite: tools
description: the tools
plugins: [tools]
defaults:
  processes: 4
  repetitions: 2
  min_time: 50ms
  warmup: 0s
  timeout: 1.5s
benchmarks:
  - tools/uuid/v4
  - name: tools/truncation/*
    processes: 7
    budgets:
      p95: 1ms
      max_rss: 20MB
      min_throughput: 1GB/s
      p99: { limit: 2ms, soft: true }
  - name: startup/version
    command: ["${benchctl}", "--version"]
    runs: 20
    warmup_runs: 0
    budgets: { median: 3ms }
  - name: startup/shell
    command: echo hi
  - name: binary/size
    file_size: ../build/benchctl
    budgets: { max_size: 5MB }
)");
  EXPECT_EQ(suite.name, "tools");
  EXPECT_EQ(suite.description, "the tools");
  ASSERT_EQ(suite.plugins.size(), 1u);
  EXPECT_EQ(suite.defaults.processes, 4);
  EXPECT_EQ(suite.defaults.repetitions, 2);
  EXPECT_DOUBLE_EQ(*suite.defaults.min_time, 0.05);
  EXPECT_DOUBLE_EQ(*suite.defaults.warmup, 0);
  EXPECT_DOUBLE_EQ(*suite.defaults.timeout, 1.5);
  EXPECT_EQ(suite.defaults.runs, 10) << "built-in default kept";
  ASSERT_EQ(suite.entries.size(), 5u);

  EXPECT_EQ(suite.entries[0].name, "tools/uuid/v4");
  EXPECT_EQ(suite.entries[0].where.str(), "s.yaml:11:5");

  const Entry& truncation = suite.entries[1];
  EXPECT_EQ(truncation.settings.processes, 7);
  ASSERT_EQ(truncation.budgets.size(), 4u);
  EXPECT_EQ(truncation.budgets[0].metric, BudgetMetric::p95);
  EXPECT_DOUBLE_EQ(truncation.budgets[0].limit, 1e-3);
  EXPECT_TRUE(truncation.budgets[0].hard);
  EXPECT_DOUBLE_EQ(truncation.budgets[1].limit, 20e6);
  EXPECT_TRUE(truncation.budgets[2].bytes_rate);
  EXPECT_FALSE(truncation.budgets[3].hard);

  const Entry& version = suite.entries[2];
  EXPECT_EQ(version.kind, EntryKind::command);
  EXPECT_EQ(version.command, (std::vector<std::string>{"/opt/bin/benchctl", "--version"}));
  EXPECT_EQ(version.settings.runs, 20);
  EXPECT_EQ(version.settings.warmup_runs, 0);

  EXPECT_EQ(suite.entries[3].command, (std::vector<std::string>{"/bin/sh", "-c", "echo hi"}));
  EXPECT_EQ(suite.entries[4].kind, EntryKind::file_size);
  EXPECT_EQ(suite.entries[4].file, "/build/benchctl");
}

TEST(SuiteParser, CounterBudgetsAndPolicies) {
  const Suite suite = parse(R"(suite: t
plugins: [tools]
policy: {alpha: 0.05, warn: 3%, fail: 8%}
benchmarks:
  - name: tools/x
    policy: {noise_floor: 2%, confidence: 99%}
    budgets:
      min_counter: {recall_at_10: 0.95, hits: {limit: 3, soft: true}}
      max_counter: {bytes_per_sample: 32}
)");
  ASSERT_EQ(suite.entries[0].budgets.size(), 3u);
  EXPECT_EQ(suite.entries[0].budgets[0].metric, BudgetMetric::min_counter);
  EXPECT_EQ(suite.entries[0].budgets[0].counter, "recall_at_10");
  EXPECT_DOUBLE_EQ(suite.entries[0].budgets[0].limit, 0.95);
  EXPECT_FALSE(suite.entries[0].budgets[1].hard);
  EXPECT_EQ(suite.entries[0].budgets[2].counter, "bytes_per_sample");
  const stats::Policy policy = suite.entries[0].policy.overlaid_on(suite.policy).resolve();
  EXPECT_DOUBLE_EQ(policy.alpha, 0.05);
  EXPECT_DOUBLE_EQ(policy.warn, 0.03);
  EXPECT_DOUBLE_EQ(policy.fail, 0.08);
  EXPECT_DOUBLE_EQ(policy.noise_floor, 0.02);
  EXPECT_DOUBLE_EQ(policy.confidence, 0.99);

  EXPECT_EQ(error_of(std::string(kHeader) + "policy: {time: gpu}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:16: 'time' is 'gpu', expected real (wall time) or cpu");
  EXPECT_TRUE(*parse(std::string(kHeader) + "policy: {time: cpu}\nbenchmarks: [tools/x]\n")
                   .policy.cpu_time);
  EXPECT_EQ(error_of(std::string(kHeader) + "policy: {alpha: 5%}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:17: 'alpha' is '5%', expected a number between 0 and 1");
  EXPECT_EQ(error_of(std::string(kHeader) + "policy: {warn: 5}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:16: 'warn' is '5', expected a percentage between 0% and 1000%");
  EXPECT_EQ(
      error_of(std::string(kHeader) + "policy: {warn: 20%, fail: 10%}\nbenchmarks: [tools/x]\n"),
      "s.yaml:3:16: 'warn' is '20%', expected at most 'fail' (10%)");
  EXPECT_NE(error_of(std::string(kHeader) +
                     "benchmarks:\n  - {name: tools/x, budgets: {min_counter: 0.9}}\n")
                .find("'min_counter' is '0.9', expected a mapping of counter names to limits"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kHeader) +
                     "benchmarks:\n  - {name: tools/x, budgets: {max_counter: {n: lots}}}\n")
                .find("budget 'max_counter.n' is 'lots', expected a number"),
            std::string::npos);
}

TEST(SuiteParser, ReportsInvalidYamlWithItsPosition) {
  EXPECT_EQ(error_of("suite: t\nbenchmarks: [a\n"),
            "s.yaml:3:1: invalid YAML: end of sequence flow not found");
}

TEST(SuiteParser, UnknownKeysAreErrorsNamingTheAlternatives) {
  const std::string error = error_of(
      std::string(kHeader) + "benchmarks:\n  - name: tools/uuid/v4\n    budjets: {p95: 1ms}\n");
  EXPECT_EQ(error.substr(0, 31), "s.yaml:5:5: unknown key 'budjet");
  EXPECT_NE(error.find("expected one of: name, description, command, file_size, load, budgets"),
            std::string::npos);
  EXPECT_EQ(error_of("suite: t\nbenchmark: []\n").substr(0, 37),
            "s.yaml:2:1: unknown key 'benchmark' i");
}

TEST(SuiteParser, ARelativeBudgetNamesItsAnchorAndARatio) {
  const std::string entry = std::string(kHeader) + "benchmarks:\n  - name: tools/uuid/v4\n";
  EXPECT_EQ(error_of(entry + "    budgets: {max_ratio: 3}\n"),
            "s.yaml:5:26: budget 'max_ratio' is '3', expected {to: ENTRY, limit: N}, the largest "
            "ratio of this entry's median time to ENTRY's");
  EXPECT_EQ(error_of(entry + "    budgets: {max_ratio: {limit: 3}}\n"),
            "s.yaml:5:26: budget 'max_ratio' has no 'to', expected the entry it is relative to");
  EXPECT_EQ(
      error_of(entry + "    budgets: {max_ratio: {to: a/b, limit: 3ms}}\n"),
      "s.yaml:5:43: budget 'max_ratio' is '3ms', expected a ratio such as 1.5 greater than 0");
  EXPECT_NE(error_of(entry + "    budgets: {max_ratio: {to: a/b, limit: 3, by: 2}}\n")
                .find("unknown key 'by' in budget 'max_ratio', expected one of: to, limit, soft"),
            std::string::npos);
}

TEST(SuiteParser, TheScheduleIsInterleavedOrSequential) {
  EXPECT_FALSE(parse(std::string(kHeader) + "benchmarks: [tools/uuid/v4]\n").schedule);
  EXPECT_EQ(
      parse(std::string(kHeader) + "schedule: sequential\nbenchmarks: [tools/uuid/v4]\n").schedule,
      Schedule::sequential);
  EXPECT_EQ(error_of(std::string(kHeader) + "schedule: random\nbenchmarks: [tools/uuid/v4]\n"),
            "s.yaml:3:11: 'schedule' is 'random', expected interleaved (process k of every "
            "benchmark before process k+1 of any) or sequential");
}

TEST(SuiteParser, DuplicateKeysAreErrors) {
  EXPECT_EQ(error_of(std::string(kHeader) +
                     "benchmarks:\n  - name: tools/uuid/v4\n    budgets: {p95: 1ms, p95: 2ms}\n"),
            "s.yaml:5:25: duplicate key 'p95' in budgets, expected each key once");
  EXPECT_EQ(error_of("suite: a\nsuite: b\nbenchmarks: [x/y]\n").substr(0, 33),
            "s.yaml:2:1: duplicate key 'suite'");
}

TEST(SuiteParser, BadUnitsAreErrors) {
  EXPECT_EQ(error_of(std::string(kHeader) + "defaults: {min_time: 100}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:22: 'min_time' is '100', expected a duration with a unit such as 250us, 10ms "
            "or 1.5s");
  EXPECT_EQ(
      error_of(std::string(kHeader) +
               "benchmarks:\n  - name: tools/x\n    budgets: {max_rss: 20 megs}\n"),
      "s.yaml:5:24: budget 'max_rss' is '20 megs', expected a size such as 20MB greater than 0");
  EXPECT_EQ(error_of(std::string(kHeader) +
                     "benchmarks:\n  - name: tools/x\n    budgets: {min_throughput: 1GB}\n"),
            "s.yaml:5:31: budget 'min_throughput' is '1GB', expected a rate such as 1GB/s or 50K/s "
            "greater than 0");
}

TEST(SuiteParser, ZeroAndNegativeCountsAreErrors) {
  EXPECT_EQ(error_of(std::string(kHeader) + "defaults: {processes: 0}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:23: 'processes' is '0', expected a whole number of at least 1");
  EXPECT_EQ(error_of(std::string(kHeader) + "defaults: {repetitions: -3}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:25: 'repetitions' is '-3', expected a whole number of at least 1");
  EXPECT_EQ(error_of(std::string(kHeader) + "defaults: {processes: 2.5}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:23: 'processes' is '2.5', expected a whole number of at least 1");
  EXPECT_EQ(error_of(std::string(kHeader) + "defaults: {timeout: 0s}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:21: 'timeout' is '0s', expected a duration greater than 0");
  EXPECT_EQ(error_of(std::string(kHeader) + "defaults: {timeout: 1e300s}\nbenchmarks: [tools/x]\n"),
            "s.yaml:3:21: 'timeout' is '1e300s', expected a duration of at most a day (1440min)");
  EXPECT_EQ(
      error_of(std::string(kHeader) + "benchmarks:\n  - name: tools/x\n    budgets: {p95: -1ms}\n"),
      "s.yaml:5:20: budget 'p95' is '-1ms', expected a duration such as 100ms greater than 0");
}

TEST(SuiteParser, MissingPiecesPointAtTheirParent) {
  EXPECT_EQ(error_of("plugins: [tools]\nbenchmarks: [tools/x]\n"),
            "s.yaml:1:1: missing key 'suite', expected a name");
  EXPECT_EQ(error_of("suite: t\n"),
            "s.yaml:1:1: missing key 'benchmarks', expected a list of benchmarks");
  EXPECT_EQ(error_of("suite: t\nbenchmarks: []\n"),
            "s.yaml:2:13: 'benchmarks' is a list, expected a list of at least one benchmark");
  EXPECT_EQ(error_of(std::string(kHeader) + "benchmarks:\n  - processes: 3\n"),
            "s.yaml:4:5: missing key 'name', expected a name");
  EXPECT_EQ(error_of("- a\n- b\n").substr(0, 31), "s.yaml:1:1: found a list, expec");
}

TEST(SuiteParser, BenchmarkNamesMustBelongToAListedPlugin) {
  EXPECT_EQ(error_of(std::string(kHeader) + "benchmarks: [kernel/startup]\n"),
            "s.yaml:3:14: benchmark 'kernel/startup' belongs to plugin 'kernel', which 'plugins' "
            "does not list, "
            "expected one of the suite's plugins");
  EXPECT_NE(
      error_of(std::string(kHeader) + "benchmarks: [uuid]\n").find("expected 'plugin/benchmark'"),
      std::string::npos);
  EXPECT_NE(
      error_of(std::string(kHeader) + "benchmarks: ['*/x']\n").find("pattern in its plugin part"),
      std::string::npos);
  EXPECT_EQ(error_of("suite: t\nplugins: [tools, tools]\nbenchmarks: [tools/x]\n"),
            "s.yaml:2:18: plugin 'tools' listed twice, expected each plugin once");
}

TEST(SuiteParser, SettingsAndBudgetsMustFitTheEntryKind) {
  EXPECT_EQ(
      error_of(std::string(kHeader) + "benchmarks:\n  - name: tools/x\n    runs: 3\n"),
      "s.yaml:5:11: 'runs' does not apply to a benchmark entry, expected only: "
      "affinity, cache_simulation, measure, min_time, processes, repetitions, timeout, warmup");
  EXPECT_NE(
      error_of(
          "suite: t\nbenchmarks:\n  - name: size\n    file_size: a.out\n    budgets: {p95: 1ms}\n")
          .find("budget 'p95' does not apply to a file_size entry, expected max_size"),
      std::string::npos);
  EXPECT_NE(
      error_of("suite: t\nbenchmarks:\n  - name: v\n    command: x\n    budgets: {max_size: 1MB}\n")
          .find("does not apply to a command entry"),
      std::string::npos);
  EXPECT_NE(error_of("suite: t\nbenchmarks:\n  - name: v\n    command: x\n    file_size: y\n")
                .find("both 'command' and"),
            std::string::npos);
}

constexpr const char* kLoadHeader = "suite: t\nplugins: [kernel]\nbenchmarks:\n  - name: peak\n";

TEST(SuiteParser, ParsesALoadEntry) {
  const Suite suite = parse(std::string(kLoadHeader) + R"(    load:
      operation: kernel/message
      rate: 2K/s
      duration: 30s
      ramp_up: 3s
      threads: 2
      arrival: poisson
      warmup: 1s
      burst: {rate: 20000/s, duration: 10s, at: 10s}
    processes: 2
    timeout: 2min
    budgets:
      p99: 100ms
      p999: 200ms
      min_success_rate: 99%
      min_achieved_rate: 1900/s
      max_recovery_time: 5s
      max_rss_slope: 1MB/min
      max_degradation: 5%
)");
  ASSERT_EQ(suite.entries.size(), 1u);
  const Entry& entry = suite.entries.front();
  EXPECT_EQ(entry.kind, EntryKind::load);
  ASSERT_TRUE(entry.load);
  const store::LoadSpec& load = *entry.load;
  EXPECT_EQ(load.operation, "kernel/message");
  EXPECT_DOUBLE_EQ(load.rate, 2000);
  EXPECT_DOUBLE_EQ(load.duration, 30);
  EXPECT_DOUBLE_EQ(load.ramp_up, 3);
  EXPECT_EQ(load.threads, 2);
  EXPECT_TRUE(load.poisson);
  EXPECT_DOUBLE_EQ(load.warmup, 1);
  ASSERT_TRUE(load.burst);
  EXPECT_DOUBLE_EQ(load.burst->rate, 20000);
  EXPECT_DOUBLE_EQ(load.burst->duration, 10);
  EXPECT_DOUBLE_EQ(load.burst->at, 10);
  EXPECT_EQ(entry.settings.processes, 2);
  EXPECT_EQ(entry.settings.timeout, 120);
  ASSERT_EQ(entry.budgets.size(), 7u);
  EXPECT_EQ(entry.budgets[2].metric, BudgetMetric::min_success_rate);
  EXPECT_DOUBLE_EQ(entry.budgets[2].limit, 0.99);
  EXPECT_DOUBLE_EQ(entry.budgets[3].limit, 1900);
  EXPECT_DOUBLE_EQ(entry.budgets[5].limit, 1e6);
  EXPECT_DOUBLE_EQ(entry.budgets[6].limit, 0.05);
}

TEST(SuiteParser, BadLoadEntriesAreErrorsAtTheirPlace) {
  const auto load_error = [](const std::string& load) {
    return error_of(std::string(kLoadHeader) + "    load: " + load + "\n");
  };
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 0, duration: 10s}"),
            "s.yaml:5:45: 'rate' is '0', expected requests per second above 0 and at most 10M/s, "
            "such as 2000/s or 20K/s");
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 1GB/s, duration: 10s}"),
            "s.yaml:5:45: 'rate' is '1GB/s', expected requests per second above 0 and at most "
            "10M/s, such as 2000/s or 20K/s");
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 100/s}"),
            "s.yaml:5:11: the load has no 'duration', expected a duration such as 10s");
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 100/s, duration: -5s}"),
            "s.yaml:5:62: 'duration' is '-5s', expected a duration greater than 0");
  EXPECT_EQ(load_error("{operation: kernel/message, duration: 5s}"),
            "s.yaml:5:11: the load has no 'rate', expected requests per second such as 2000/s");
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 100/s, duration: 10s, "
                       "burst: {rate: 1K/s, duration: 5s, at: 8s}}"),
            "s.yaml:5:74: the burst ends at 13.0 s ('at' 8.00 s + 'duration' 5.00 s), after the "
            "run's duration (10.0 s), expected a burst inside the run");
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 100/s, duration: 10s, ramp_up: 10s}"),
            "s.yaml:5:76: 'ramp_up' is '10s', expected less than the warm-up and duration "
            "(10.0 s)");
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 100/s, duration: 10s, arrival: bursty}"),
            "s.yaml:5:76: 'arrival' is 'bursty', expected constant (evenly spaced requests) or "
            "poisson (random arrivals at the same mean rate)");
  EXPECT_EQ(load_error("{operation: message, rate: 100/s, duration: 10s}"),
            "s.yaml:5:23: operation 'message', expected 'plugin/operation' as `benchctl list "
            "operations` shows it");
  EXPECT_EQ(load_error("{operation: tools/message, rate: 100/s, duration: 10s}"),
            "s.yaml:5:23: operation 'tools/message' belongs to plugin 'tools', which 'plugins' "
            "does not list, expected one of the suite's plugins");
  EXPECT_NE(load_error("{operation: kernel/message, rate: 100/s, duration: 1440min, threads: 64}")
                .find("per-second latency histograms, expected at most 2.00 GB"),
            std::string::npos);
  EXPECT_EQ(load_error("{operation: kernel/message, rate: 100/s, duration: 10s, speed: 2}"),
            "s.yaml:5:67: unknown key 'speed' in load, expected one of: operation, rate, "
            "duration, ramp_up, threads, arrival, burst, warmup");
  EXPECT_NE(error_of(std::string(kLoadHeader) +
                     "    load: {operation: kernel/message, rate: 1/s, duration: 1s}\n"
                     "    repetitions: 3\n")
                .find("'repetitions' does not apply to a load entry, expected only: affinity, "
                      "processes, timeout"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kLoadHeader) +
                     "    load: {operation: kernel/message, rate: 1/s, duration: 1s}\n"
                     "    budgets: {min_throughput: 1K/s}\n")
                .find("budget 'min_throughput' does not apply to a load entry"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kHeader) +
                     "benchmarks:\n  - name: tools/x\n    budgets: {max_rss_slope: 1MB/min}\n")
                .find("budget 'max_rss_slope' does not apply to a benchmark entry"),
            std::string::npos);
  EXPECT_EQ(error_of(std::string(kLoadHeader) +
                     "    load: {operation: kernel/message, rate: 1/s, duration: 1s}\n"
                     "    budgets: {min_success_rate: 120%}\n"),
            "s.yaml:6:33: budget 'min_success_rate' is '120%', expected a percentage of at most "
            "100% such as 99%, greater than 0");
  EXPECT_NE(error_of(std::string(kLoadHeader) +
                     "    load: {operation: kernel/message, rate: 1/s, duration: 1s}\n"
                     "    command: x\n")
                .find("both 'command' and 'load'"),
            std::string::npos);
}

TEST(SuiteParser, CommandsAndVariables) {
  EXPECT_EQ(error_of("suite: t\nbenchmarks:\n  - name: v\n    command: ['${nope}']\n"),
            "s.yaml:4:15: unknown variable '${nope}', expected one of: ${benchctl}, ${suite_dir}");
  EXPECT_EQ(error_of("suite: t\nbenchmarks:\n  - name: v\n    command: []\n"),
            "s.yaml:4:14: 'command' is a list, expected a shell command or a list of arguments");
  EXPECT_EQ(
      error_of("suite: t\nbenchmarks:\n  - {name: v, command: a}\n  - {name: v, command: b}\n"),
      "s.yaml:4:5: a second entry named 'v', expected unique names");
  const Suite suite =
      parse("suite: t\nbenchmarks:\n  - {name: v, command: ['${suite_dir}/run.sh']}\n");
  EXPECT_EQ(suite.entries[0].command.front(), "/suites/run.sh");
}

TEST(SuiteParser, AMissingFileIsAnInputErrorNamingIt) {
  try {
    load_suite("/nonexistent/suite.yaml", {});
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "/nonexistent/suite.yaml: cannot read the suite file: No such file or directory");
  }
  try {
    load_suite("/dev/zero", {});
    FAIL() << "a device would never end";
  } catch (const InputError& e) {
    EXPECT_STREQ(
        e.what(),
        "/dev/zero: cannot read the suite file: not a regular file, expected a suite file");
  }
}

class SuiteIncludes : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("benchctl_include_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_ / "phases");
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    std::ofstream(directory_ / name) << text;
    return directory_ / name;
  }
  std::string error_loading(const std::string& name) {
    try {
      load_suite(directory_ / name, {});
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path directory_;
};

TEST_F(SuiteIncludes, IncludedEntriesComeFirstAndTheIncludingFileOverrides) {
  write("phases/phase10.yaml",
        "suite: phase10\nplugins: [kernel]\ndefaults: {processes: 3, repetitions: 4}\n"
        "policy: {warn: 3%}\nbenchmarks:\n  - {name: kernel/a, budgets: {p95: 5ms}}\n"
        "  - {name: size, file_size: bin/kernel}\n");
  write("phases/phase12.yaml",
        "suite: phase12\ninclude: phase10.yaml\nplugins: [templates, kernel]\nbenchmarks: "
        "[templates/b]\n");
  const auto path = write("phase13.yaml",
                          "suite: phase13\ninclude: [phases/phase12.yaml]\nplugins: [memory]\n"
                          "defaults: {processes: 8}\nbenchmarks:\n  - memory/c\n"
                          "  - {name: kernel/a, budgets: {p95: 9ms}}\n");
  const Suite suite = load_suite(path, {});
  EXPECT_EQ(suite.name, "phase13");
  ASSERT_EQ(suite.plugins.size(), 3u);
  EXPECT_EQ(suite.plugins[0].name, "kernel");
  EXPECT_EQ(suite.plugins[1].name, "templates");
  EXPECT_EQ(suite.plugins[2].name, "memory");
  EXPECT_EQ(suite.defaults.processes, 8) << "the including file's defaults win";
  EXPECT_EQ(suite.defaults.repetitions, 4)
      << "the included file's defaults stay where not overridden";
  EXPECT_DOUBLE_EQ(*suite.policy.warn, 0.03);
  ASSERT_EQ(suite.entries.size(), 5u);
  EXPECT_EQ(suite.entries[0].name, "kernel/a");
  EXPECT_TRUE(suite.entries[0].where.file.ends_with("phases/phase10.yaml"))
      << suite.entries[0].where.file;
  EXPECT_EQ(suite.entries[1].file, (directory_ / "phases/bin/kernel").string())
      << "relative to its own file";
  EXPECT_EQ(suite.entries[2].name, "templates/b");
  EXPECT_EQ(suite.entries[4].name, "kernel/a");
  EXPECT_DOUBLE_EQ(suite.entries[4].budgets[0].limit, 9e-3);
}

TEST_F(SuiteIncludes, CyclesAndMissingFilesAreErrors) {
  write("a.yaml", "suite: a\ninclude: b.yaml\nbenchmarks: [{name: x, command: 'true'}]\n");
  write("b.yaml", "suite: b\ninclude: [a.yaml]\nbenchmarks: [{name: y, command: 'true'}]\n");
  const std::string cycle = error_loading("a.yaml");
  EXPECT_NE(cycle.find("b.yaml:2:11: include cycle: a.yaml → b.yaml → a.yaml"), std::string::npos)
      << cycle;
  write("c.yaml", "suite: c\ninclude: missing.yaml\nbenchmarks: [{name: x, command: 'true'}]\n");
  EXPECT_NE(error_loading("c.yaml").find("c.yaml:2:10: cannot read the included suite"),
            std::string::npos);
  write("d.yaml", "suite: d\ninclude: d.yaml\nbenchmarks: [{name: x, command: 'true'}]\n");
  EXPECT_NE(error_loading("d.yaml").find("include cycle: d.yaml → d.yaml"), std::string::npos);
  write("e.yaml", "suite: e\ninclude: {a: 1}\nbenchmarks: [{name: x, command: 'true'}]\n");
  EXPECT_NE(error_loading("e.yaml").find(
                "'include' is a mapping, expected a suite file or a list of them"),
            std::string::npos);
  write("f.yaml", "suite: f\ninclude: bad.yaml\nbenchmarks: [{name: x, command: 'true'}]\n");
  write("bad.yaml", "suite: bad\nbenchmarks: [{name: x, comand: 'true'}]\n");
  EXPECT_NE(error_loading("f.yaml").find("bad.yaml:2:24: unknown key 'comand'"), std::string::npos)
      << "errors inside an included file point into it";
}

TEST(SuiteParser, LoadsFromAFileRelativeToItsDirectory) {
  const auto directory = std::filesystem::temp_directory_path() / "benchctl_parser_test";
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "s.yaml")
      << "suite: t\nbenchmarks:\n  - {name: size, file_size: bin/tool}\n";
  const Suite suite = load_suite(directory / "s.yaml", {});
  EXPECT_EQ(suite.entries[0].file, (directory / "bin/tool").string());
  std::filesystem::remove_all(directory);
}

TEST(SuiteParser, AffinityIsAListOfCpusOrACpuList) {
  const Suite suite = parse(std::string(kHeader) +
                            "defaults: {affinity: [3, 1]}\n"
                            "benchmarks:\n  - tools/a\n  - name: tools/b\n    affinity: 0-2\n");
  ASSERT_TRUE(suite.defaults.affinity);
  EXPECT_EQ(suite.defaults.affinity->to_string(), "1,3");
  EXPECT_FALSE(suite.entries[0].settings.affinity) << "the defaults' apply";
  EXPECT_EQ(suite.entries[1].settings.affinity->to_string(), "0-2");
  EXPECT_EQ(
      error_of(std::string(kHeader) + "defaults: {affinity: [1, -2]}\nbenchmarks: [tools/a]\n"),
      "s.yaml:3:26: 'affinity' has '-2', expected CPU numbers such as [1] or [0, 2]");
  EXPECT_EQ(error_of(std::string(kHeader) + "defaults: {affinity: []}\nbenchmarks: [tools/a]\n"),
            "s.yaml:3:22: 'affinity' is a list, expected a list of CPUs such as [1] or [0, "
            "2], or a CPU list such as 0-3");
  EXPECT_NE(error_of(std::string(kHeader) + "defaults: {affinity: 3-1}\nbenchmarks: [tools/a]\n")
                .find("s.yaml:3:22: 'affinity' is '3-1', expected a list of CPUs"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kHeader) +
                     "benchmarks:\n  - name: size\n    file_size: a.out\n    affinity: [1]\n")
                .find("'affinity' does not apply to a file_size entry"),
            std::string::npos);
}

}  // namespace
}  // namespace benchctl::suite
