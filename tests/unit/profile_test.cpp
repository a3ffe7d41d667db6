// Profiles: what callgrind's and perf's outputs become (stacks cut to the benchmark's function),
// the folded text they are stored as, each function's cost, the difference of two builds, and
// the reports (snapshots).
#include <gtest/gtest.h>

#include <fstream>

#include "analysis/profile.h"
#include "report/profile_report.h"
#include "runner/profile_stacks.h"
#include "snapshot.h"
#include "store/profiles.h"
#include "util/error.h"
#include "util/temporary_directory.h"

namespace benchctl {
namespace {

using store::ProfileRecord;
using store::ProfileStack;
using Frames = std::vector<std::string>;

const Frames kHarness = {"0x000000000001ab70",
                         "(below main)",
                         "main",
                         "benchctl_worker_main",
                         "benchmark::RunSpecifiedBenchmarks(benchmark::BenchmarkReporter*)",
                         "0x000000000002d130",
                         "benchmark::internal::LambdaBenchmark::Run()"};

Frames under_harness(const Frames& frames) {
  Frames all = kHarness;
  all.insert(all.end(), frames.begin(), frames.end());
  return all;
}

TEST(ProfileStacks, StartAtTheBenchmarksFunction) {
  EXPECT_EQ(runner::benchmark_frames(under_harness({"BM_Loop(benchmark::State&)", "mix"})),
            (Frames{"BM_Loop(benchmark::State&)", "mix"}));
  EXPECT_EQ(runner::benchmark_frames(kHarness), (Frames{"[Google Benchmark]"}));
  EXPECT_EQ(runner::benchmark_frames({"deep", "deeper"}),
            (Frames{"[truncated]", "deep", "deeper"}));
  EXPECT_EQ(runner::benchmark_frames(under_harness({"BM(benchmark::State&)", "f(char const*;)"})),
            (Frames{"BM(benchmark::State&)", "f(char const*:)"}));
  // perf's unwinding may stop inside Debian's libbenchmark, before RunSpecifiedBenchmarks.
  EXPECT_EQ(runner::benchmark_frames({"[unknown] (/usr/lib/libbenchmark.so.1.7.1)",
                                      "BM_Loop(benchmark::State&)",
                                      "benchmark::State::StartKeepRunning()"}),
            (Frames{"BM_Loop(benchmark::State&)", "benchmark::State::StartKeepRunning()"}));
  EXPECT_EQ(runner::benchmark_frames({"[unknown] (/usr/lib/libbenchmark.so.1.7.1)", "memcpy"}),
            (Frames{"[Google Benchmark]"}));
  // A stripped plugin: its functions are addresses in its file.
  EXPECT_EQ(runner::benchmark_frames({"0x10 (libbenchmark.so.1.7.1)", "0xa907 (benchctl_p.so)",
                                      "0xb000 (benchctl_p.so)"},
                                     "benchctl_p.so"),
            (Frames{"0xa907 (benchctl_p.so)", "0xb000 (benchctl_p.so)"}));
  EXPECT_EQ(runner::benchmark_frames({"main", "benchctl_worker_main", "run"}),
            (Frames{"[outside the benchmark]"}));
  EXPECT_EQ(runner::benchmark_frames(under_harness(
                {"BM(benchmark::State&)", "f(int) [clone .isra.0] [clone .constprop.1]"})),
            (Frames{"BM(benchmark::State&)", "f(int)"}));
}

TEST(ProfileStacks, CallgrindsContextsBecomeStacksOfSelfCost) {
  util::TemporaryDirectory directory("benchctl-profile-test");
  const auto file = directory.path() / "callgrind.out.1";
  const std::string harness =
      "BM_Loop(benchmark::State&)'0x000000000002d130'benchmark::RunSpecifiedBenchmarks("
      "benchmark::BenchmarkReporter*)'main";
  std::ofstream(file) << "# callgrind format\nversion: 1\npositions: line\nevents: Ir\n"
                         "summary: 1000\n\n"
                         "ob=(1) /plugin.so\nfl=(1) ???\n"
                         "fn=(1) mix'" +
                             harness +
                             "\n"
                             "0 600\n"
                             "fn=(2) " +
                             harness +
                             "\n"
                             "3 100\n"
                             "cfn=(1)\ncalls=7 0\n"
                             "0 600\n"  // the call's inclusive cost: not the caller's own
                             "+2 50\n"
                             "fn=(1)\n"
                             "* 20\n";
  const std::vector<ProfileStack> stacks = runner::read_callgrind_stacks(file);
  EXPECT_EQ(stacks, (std::vector<ProfileStack>{{{"BM_Loop(benchmark::State&)"}, 150},
                                               {{"BM_Loop(benchmark::State&)", "mix"}, 620}}));
}

TEST(ProfileStacks, AFileThatIsNotCallgrindsNamesItsLine) {
  util::TemporaryDirectory directory("benchctl-profile-test");
  const auto file = directory.path() / "bad";
  std::ofstream(file) << "events: Ir\nfn=(3)\n0 5\n";
  try {
    runner::read_callgrind_stacks(file);
    FAIL() << "read a name used before it was defined";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(":2: not callgrind's format"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(runner::read_callgrind_stacks(directory.path() / "missing"), Error);
}

TEST(ProfileStacks, PerfScriptSamplesBecomeStacksOfTheirPeriods) {
  const std::string script =
      "benchctl 250000 \n"
      "\t    1234 _Z3mixm (/tmp/benchctl_profiled.so)\n"
      "\t    2345 _ZN12_GLOBAL__N_17BM_LoopERN9benchmark5StateE (/tmp/benchctl_profiled.so)\n"
      "\t    3456 [unknown] (/usr/lib/x86_64-linux-gnu/libbenchmark.so.1.7.1)\n"
      "\tffffffffffffffff [unknown] ([unknown])\n"
      "\n"
      "benchctl 250000 \n"
      "\t    1234 _Z3mixm (inlined)\n"
      "\t    2345 _ZN12_GLOBAL__N_17BM_LoopERN9benchmark5StateE (/tmp/benchctl_profiled.so)\n"
      "\t    4567 _ZN9benchmark22RunSpecifiedBenchmarksEv (/usr/lib/libbenchmark.so.1.7.1)\n"
      "\n"
      "benchctl 250000 \n"
      "\tffffffff82240c89 pvm_irq_enable ([kernel.kallsyms])\n"
      "\t    3456 [unknown] (/usr/lib/x86_64-linux-gnu/libbenchmark.so.1.7.1)\n"
      "\n";
  EXPECT_EQ(store::to_folded(runner::read_perf_stacks(script)),
            "(anonymous namespace)::BM_Loop(benchmark::State&);mix(unsigned long) 500000\n"
            "[Google Benchmark] 250000\n");
  EXPECT_THROW(runner::read_perf_stacks("benchctl no-period\n\t 1 f (x)\n"), Error);
}

TEST(StoredProfiles, FoldedTextRoundTripsAndRefusesAnythingElse) {
  const std::vector<ProfileStack> stacks = {{{"a b", "c<d>"}, 12}, {{"e"}, 0}};
  EXPECT_EQ(store::to_folded(stacks), "a b;c<d> 12\ne 0\n");
  EXPECT_EQ(store::from_folded(store::to_folded(stacks)), stacks);
  EXPECT_THROW(store::from_folded("a;b\n"), StorageError);
  EXPECT_THROW(store::from_folded(" 12\n"), StorageError);
  EXPECT_THROW(store::from_folded("a 12x\n"), StorageError);
}

ProfileRecord profile(const std::string& build, std::int64_t iterations,
                      std::vector<ProfileStack> stacks) {
  ProfileRecord p;
  p.benchmark = "profiled/loop";
  p.tool = "callgrind";
  p.event = "Ir";
  p.build = build;
  p.iterations = iterations;
  p.stacks = std::move(stacks);
  return p;
}

// Build A: the loop calls mix and shuffle; B calls checksum<script> too (5% of A's cost).
ProfileRecord build_a() {
  return profile("profiled", 10,
                 {{{"BM_Loop"}, 1000},
                  {{"BM_Loop", "mix", "steps"}, 7000},
                  {{"BM_Loop", "shuffle", "steps"}, 3000},
                  {{"BM_Loop", "recurse", "recurse"}, 500}});
}

ProfileRecord build_b() {
  ProfileRecord b = profile("profiled-extra", 20,
                            {{{"BM_Loop"}, 2000},
                             {{"BM_Loop", "mix", "steps"}, 14000},
                             {{"BM_Loop", "shuffle", "steps"}, 6000},
                             {{"BM_Loop", "recurse", "recurse"}, 1000},
                             {{"BM_Loop", "checksum<script>(unsigned long)"}, 1150}});
  b.note = "benchctl_profiled.so is stripped";
  return b;
}

TEST(ProfileAnalysis, EachFunctionsSelfAndTotalCostPerIteration) {
  const ProfileRecord a = build_a();
  EXPECT_DOUBLE_EQ(analysis::cost_per_iteration(a), 1150);
  const auto costs = analysis::function_costs(a);
  ASSERT_EQ(costs.size(), 5u);
  EXPECT_EQ(costs[0].function, "steps");
  EXPECT_DOUBLE_EQ(costs[0].self, 1000);
  EXPECT_DOUBLE_EQ(costs[0].total, 1000);
  const auto recurse = std::find_if(costs.begin(), costs.end(),
                                    [](const auto& c) { return c.function == "recurse"; });
  EXPECT_DOUBLE_EQ(recurse->total, 50) << "a recursive function counted once per stack";
  const auto loop = std::find_if(costs.begin(), costs.end(),
                                 [](const auto& c) { return c.function == "BM_Loop"; });
  EXPECT_DOUBLE_EQ(loop->self, 100);
  EXPECT_DOUBLE_EQ(loop->total, 1150);
}

TEST(ProfileAnalysis, TheDifferencePutsTheAddedFunctionFirst) {
  const analysis::ProfileDifference difference = analysis::difference(build_a(), build_b());
  EXPECT_DOUBLE_EQ(difference.a_per_iteration, 1150);
  EXPECT_DOUBLE_EQ(difference.b_per_iteration, 1207.5);
  ASSERT_FALSE(difference.changes.empty());
  EXPECT_EQ(difference.changes[0].function, "checksum<script>(unsigned long)");
  EXPECT_DOUBLE_EQ(difference.changes[0].added_self(), 57.5);
  EXPECT_DOUBLE_EQ(difference.changes[0].a.self, 0);
  ProfileRecord perf = build_b();
  perf.event = "ns";
  EXPECT_THROW(analysis::difference(build_a(), perf), InputError);
}

// perf's times move with the machine: B measured on a machine 10% slower, with one more function
// costing 2% of the loop, still shows that function first, the others scaled away.
TEST(ProfileAnalysis, SampledTimesAreComparedAfterScalingToTheSameTotal) {
  ProfileRecord a = profile("a", 1, {{{"BM_Loop", "steps"}, 9800}, {{"BM_Loop", "mix"}, 200}});
  ProfileRecord b = profile(
      "b", 1,
      {{{"BM_Loop", "steps"}, 10780}, {{"BM_Loop", "mix"}, 220}, {{"BM_Loop", "checksum"}, 224}});
  a.event = b.event = "ns";
  a.tool = b.tool = "perf";
  const analysis::ProfileDifference difference = analysis::difference(a, b);
  EXPECT_NEAR(difference.a_scale, 11224.0 / 10000.0, 1e-12);
  ASSERT_FALSE(difference.changes.empty());
  EXPECT_EQ(difference.changes[0].function, "checksum");
  EXPECT_DOUBLE_EQ(difference.changes[0].added_self(), 224);
  EXPECT_LT(difference.changes[1].added_self(), 1e-9);
}

std::vector<analysis::BenchmarkProfile> reports() {
  return {{build_a(), std::nullopt}, {build_b(), build_a()}};
}

TEST(ProfileReport, Table) {
  testing::expect_snapshot("profile.table.txt",
                           report::render_profiles(reports(), report::Format::table, 4));
}

TEST(ProfileReport, Markdown) {
  testing::expect_snapshot("profile.markdown.md",
                           report::render_profiles(reports(), report::Format::markdown, 4));
}

TEST(ProfileReport, Csv) {
  testing::expect_snapshot("profile.csv",
                           report::render_profiles(reports(), report::Format::csv, 4));
}

TEST(ProfileReport, Json) {
  testing::expect_snapshot("profile.json",
                           report::render_profiles(reports(), report::Format::json, 4));
}

TEST(ProfileReport, CallgrindFormatForKCachegrind) {
  testing::expect_snapshot("profile.callgrind", report::callgrind_text(build_a()));
}

}  // namespace
}  // namespace benchctl
