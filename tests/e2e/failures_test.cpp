// Every way a plugin can fail becomes one failed benchmark with its reason; the suite goes on
// and the run is stored.
#include <gtest/gtest.h>

#include <map>

#include "cli_harness.h"
#include "store/store.h"

namespace benchctl::testing {
namespace {

TEST(Failures, EachFailureIsOneFailedBenchmarkWithTheRightReason) {
  TempDirectory dir;
  // Only the hang gets a short timeout: under a sanitizer on a loaded machine, starting a worker
  // alone can take more than a second.
  dir.write("faulty.yaml", R"(suite: faulty
plugins: [faulty]
defaults: {processes: 2, repetitions: 1, min_time: 1ms, warmup: 0s, timeout: 60s}
benchmarks:
  - faulty/*
  - name: faulty/hang
    timeout: 1s
  - name: broken/command
    command: "echo going down >&2; exit 7"
    runs: 2
  - name: missing/file
    file_size: does-not-exist.bin
)");
  const CliResult result = run_benchctl(
      {"run", "faulty.yaml", "--plugin-path", test_plugin_dir("faulty").string()}, dir.path());
  EXPECT_EQ(result.exit_code, 3) << result.err << result.out;
  EXPECT_NE(result.out.find("11 benchmarks, 2 ok, 9 failed"), std::string::npos) << result.out;

  auto store = store::open_sqlite_store(dir / "results/benchctl.db");
  const store::RunRecord run = store->load_run(1);
  EXPECT_EQ(run.status, store::RunStatus::complete);
  std::map<std::string, const store::ResultRecord*> by_name;
  for (const auto& r : run.results)
    by_name[r.name] = &r;
  ASSERT_EQ(by_name.size(), 11u);

  const std::map<std::string, std::string> expected_reasons = {
      {"faulty/segfault", "killed by SIGSEGV (Segmentation fault)"},
      {"faulty/abort", "killed by SIGABRT (Aborted)"},
      {"faulty/throw", "threw std::runtime_error: the benchmark body threw on purpose"},
      {"faulty/exit",
       "exited with status 0 before reporting its results (did the benchmark call exit?)"},
      {"faulty/hang", "timed out after 1 s (killed)"},
      {"faulty/garbage", "wrote garbage on the result pipe: not a JSON object: 'this is not JSON'"},
      {"faulty/reports_error", "benchmark reported an error: the subject is unavailable"},
      {"broken/command", "the command exited with status 7"},
      {"missing/file", "cannot read the size of"},
  };
  for (const auto& [name, reason] : expected_reasons) {
    const store::ResultRecord& failed = *by_name.at(name);
    EXPECT_EQ(failed.status, store::ResultStatus::failed) << name;
    EXPECT_NE(failed.reason.find(reason), std::string::npos) << name << ": " << failed.reason;
  }
  EXPECT_NE(by_name.at("faulty/segfault")
                ->output_tail.find("about to touch a page mapped without access"),
            std::string::npos);
  EXPECT_NE(by_name.at("faulty/abort")->output_tail.find("calling abort"), std::string::npos);
  EXPECT_NE(by_name.at("broken/command")->output_tail.find("going down"), std::string::npos);
  for (const char* name : {"faulty/ok", "faulty/ok_again"}) {
    EXPECT_EQ(by_name.at(name)->status, store::ResultStatus::ok) << name;
    EXPECT_EQ(by_name.at(name)->processes.size(), 2u) << name;
  }
  EXPECT_NE(result.out.find("Failures:"), std::string::npos);
  EXPECT_NE(result.out.find("    | about to touch a page mapped without access"), std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace benchctl::testing
