#include "suite/resolver.h"

#include <gtest/gtest.h>

#include "suite/parser.h"
#include "util/error.h"

namespace benchctl::suite {
namespace {

plugin::PluginCatalog catalog() {
  plugin::PluginCatalog catalog;
  plugin::PluginInfo tools;
  tools.name = "tools";
  tools.file = "/plugins/benchctl_tools.so";
  tools.benchmarks = {"tools/truncation/head/1000", "tools/truncation/tail/1000", "tools/uuid/v4"};
  tools.operations = {"tools/echo"};
  catalog.plugins.push_back(tools);
  catalog.refused.push_back({"/plugins/benchctl_old.so", "plugin ABI 2.0 is not supported"});
  return catalog;
}

ResolvedSuite resolve_text(const std::string& text) {
  return resolve(parse_suite(text, "s.yaml", "/", {}), catalog());
}

std::string error_of(const std::string& text) {
  try {
    resolve_text(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Resolver, ExpandsGlobsAndAppliesDefaults) {
  const ResolvedSuite resolved = resolve_text(
      "suite: t\nplugins: [tools]\ndefaults: {processes: 3}\nbenchmarks:\n  - tools/truncation/*\n "
      " - tools/uuid/v4\n");
  ASSERT_EQ(resolved.jobs.size(), 3u);
  EXPECT_EQ(resolved.jobs[0].name, "tools/truncation/head/1000");
  EXPECT_EQ(resolved.jobs[0].plugin_file, "/plugins/benchctl_tools.so");
  EXPECT_EQ(resolved.jobs[2].settings.processes, 3);
  EXPECT_EQ(resolved.jobs[2].settings.repetitions, 3) << "built-in default";
}

TEST(Resolver, ALaterEntryOverridesAnEarlierOne) {
  const ResolvedSuite resolved = resolve_text(
      "suite: t\nplugins: [tools]\nbenchmarks:\n"
      "  - {name: 'tools/truncation/*', processes: 2, budgets: {p95: 1ms, median: 1ms}}\n"
      "  - {name: tools/truncation/tail/1000, repetitions: 9, budgets: {p95: 5ms}}\n");
  ASSERT_EQ(resolved.jobs.size(), 2u);
  const Job& tail = resolved.jobs[1];
  EXPECT_EQ(tail.settings.processes, 2) << "kept from the glob";
  EXPECT_EQ(tail.settings.repetitions, 9) << "overridden";
  ASSERT_EQ(tail.budgets.size(), 2u);
  EXPECT_DOUBLE_EQ(tail.budgets[0].limit, 5e-3) << "p95 replaced";
  EXPECT_EQ(tail.budgets[1].metric, BudgetMetric::median) << "median kept";
  EXPECT_DOUBLE_EQ(resolved.jobs[0].budgets[0].limit, 1e-3) << "the other benchmark untouched";
}

TEST(Resolver, UnknownPluginsNameWhatWasFoundAndRefused) {
  EXPECT_EQ(error_of("suite: t\nplugins: [tool]\nbenchmarks: [tool/x]\n"),
            "s.yaml:2:11: unknown plugin 'tool', expected one of: tools; refused "
            "/plugins/benchctl_old.so: "
            "plugin ABI 2.0 is not supported");
}

TEST(Resolver, NamesAndGlobsThatMatchNothingAreErrors) {
  EXPECT_EQ(error_of("suite: t\nplugins: [tools]\nbenchmarks:\n  - tools/uuid/v5\n"),
            "s.yaml:4:5: benchmark 'tools/uuid/v5' matches none of plugin 'tools''s 3 benchmarks, "
            "expected a name "
            "that `benchctl list benchmarks --plugin tools` shows");
  EXPECT_NE(error_of("suite: t\nplugins: [tools]\nbenchmarks:\n  - tools/hash/*\n")
                .find("pattern 'tools/hash/*'"),
            std::string::npos);
}

TEST(Resolver, ARelativeBudgetNeedsItsAnchorInTheSuite) {
  const std::string head =
      "suite: t\nplugins: [tools]\nbenchmarks:\n  - name: startup/true\n    command: true\n"
      "  - name: tools/uuid/v4\n    budgets: {max_ratio: {to: ";
  const ResolvedSuite resolved = resolve_text(head + "startup/true, limit: 2}}\n");
  ASSERT_EQ(resolved.jobs[1].budgets.size(), 1u);
  EXPECT_EQ(resolved.jobs[1].budgets[0].to, "startup/true");
  EXPECT_DOUBLE_EQ(resolved.jobs[1].budgets[0].limit, 2.0);
  EXPECT_EQ(error_of(head + "startup/false, limit: 2}}\n"),
            "s.yaml:7:15: budget 'max_ratio' of 'tools/uuid/v4' is relative to 'startup/false', "
            "expected another benchmark or command the suite measures");
  EXPECT_NE(error_of(head + "tools/uuid/v4, limit: 2}}\n").find("expected another benchmark"),
            std::string::npos)
      << "not relative to itself";

  // Selecting the entry keeps its anchor, so that the budget can be judged.
  ResolvedSuite selected = resolve_text(head + "startup/true, limit: 2}}\n");
  select_jobs(selected, std::string("uuid"), std::nullopt);
  ASSERT_EQ(selected.jobs.size(), 2u);
  EXPECT_EQ(selected.jobs[0].name, "startup/true");
}

TEST(Resolver, ALoadEntryNeedsAnOperationOfItsPluginAndTimeForItsRun) {
  const std::string header = "suite: t\nplugins: [tools]\nbenchmarks:\n  - name: peak\n";
  const ResolvedSuite resolved = resolve_text(
      header + "    load: {operation: tools/echo, rate: 100/s, duration: 10s, warmup: 2s}\n");
  ASSERT_EQ(resolved.jobs.size(), 1u);
  const Job& job = resolved.jobs[0];
  EXPECT_EQ(job.kind, EntryKind::load);
  EXPECT_EQ(job.plugin, "tools");
  EXPECT_EQ(job.plugin_file, "/plugins/benchctl_tools.so");
  EXPECT_EQ(job.settings.processes, 1) << "one process unless the entry asks for more";
  ASSERT_TRUE(job.load);
  EXPECT_EQ(job.load->operation, "tools/echo");

  EXPECT_EQ(error_of(header + "    load: {operation: tools/shout, rate: 100/s, duration: 10s}\n"),
            "s.yaml:4:5: unknown operation 'tools/shout', expected one of plugin 'tools''s "
            "operations: tools/echo");
  EXPECT_EQ(error_of(header +
                     "    load: {operation: tools/echo, rate: 100/s, duration: 30s, warmup: 5s}\n"
                     "    timeout: 20s\n"),
            "s.yaml:4:5: load 'peak' runs for 36.0 s (warm-up, duration and a second to drain) "
            "but its timeout is 20.0 s, expected 'timeout:' at least 5s longer than the run");
}

TEST(Resolver, SelectsByFilterAndPlugin) {
  ResolvedSuite resolved = resolve_text(
      "suite: t\nplugins: [tools]\nbenchmarks:\n  - tools/truncation/*\n  - {name: size, "
      "file_size: /bin/sh}\n");
  select_jobs(resolved, std::string("head|size"), std::nullopt);
  ASSERT_EQ(resolved.jobs.size(), 2u);
  select_jobs(resolved, std::nullopt, std::string("tools"));
  ASSERT_EQ(resolved.jobs.size(), 1u);
  EXPECT_EQ(resolved.jobs[0].name, "tools/truncation/head/1000");
  EXPECT_THROW(select_jobs(resolved, std::string("nothing-matches"), std::nullopt), UsageError);
  EXPECT_THROW(select_jobs(resolved, std::string("(unclosed"), std::nullopt), UsageError);
}

}  // namespace
}  // namespace benchctl::suite
