// The HTML report, end to end: pages written by the real binary for a run, a comparison with a
// regression and a history with a change point, opened in headless Chromium (Debian's chromium,
// installed by ci/install-deps.sh). A page passes when its scripts ran without an error, drew the
// plots it should, and showed a benchmark named like markup as text; a screenshot of each is
// saved under the build folder (html-report-screenshots/).
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli_harness.h"
#include "util/subprocess.h"

namespace benchctl::testing {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr const char* kMarkupName = "<script>alert(1)</script>";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A Google Benchmark JSON output: one process of a run, `nanoseconds` per benchmark, with a
// small spread that differs from process to process.
std::string gbench_output(const std::vector<std::pair<std::string, double>>& benchmarks,
                          int process) {
  nlohmann::json output = {{"context",
                            {{"date", "2026-11-26T10:00:00+00:00"},
                             {"host_name", "html-test"},
                             {"num_cpus", 2},
                             {"library_build_type", "release"}}},
                           {"benchmarks", nlohmann::json::array()}};
  for (const auto& [name, nanoseconds] : benchmarks) {
    const double time =
        nanoseconds * (1 + 0.004 * ((process * 7 + output["benchmarks"].size()) % 5 - 2.0));
    output["benchmarks"].push_back({{"name", name},
                                    {"run_name", name},
                                    {"run_type", "iteration"},
                                    {"iterations", 1000},
                                    {"real_time", time},
                                    {"cpu_time", time},
                                    {"time_unit", "ns"}});
  }
  return output.dump(1);
}

struct Page {
  std::string dom;
  std::string status, errors, plots, expected_plots;
};

std::string body_attribute(const std::string& dom, const std::string& name) {
  std::smatch match;
  const std::regex pattern("<body[^>]*\\s" + name + "=\"([^\"]*)\"");
  return std::regex_search(dom, match, pattern) ? match[1].str() : "(missing)";
}

class HtmlReport : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kChromium))
        << kChromium << " is missing: ci/install-deps.sh installs Debian's chromium";
    // Four runs at one level, then four where html/doubles takes twice as long.
    for (int run = 1; run <= 8; ++run) {
      std::vector<std::string> args = {"import", "--suite", "html"};
      for (int process = 0; process < 5; ++process) {
        const std::string file = fmt::format("run{}-{}.json", run, process);
        dir_.write(file, gbench_output({{"html/steady", 1000},
                                        {"html/doubles", run <= 4 ? 1000 : 2000},
                                        {"html/other", 500},
                                        {kMarkupName, 300}},
                                       process));
        args.push_back(file);
      }
      const CliResult imported = benchctl(args);
      ASSERT_EQ(imported.exit_code, 0) << imported.err;
    }
  }

  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "html.db"});
    return run_benchctl(args, dir_.path());
  }

  // Opens `page` in headless Chromium: the DOM after its scripts ran, and a screenshot.
  Page open(const std::string& page) {
    const std::filesystem::path screenshots =
        benchctl_binary().parent_path() / "html-report-screenshots";
    std::filesystem::create_directories(screenshots);
    const std::string url = "file://" + (dir_ / page).string();
    const std::string common = fmt::format(
        "{} --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
        "--hide-scrollbars --user-data-dir={}",
        kChromium, (dir_ / "chromium-profile").string());
    util::ChildSpec spec;
    spec.timeout = std::chrono::minutes(2);
    spec.argv = {"/bin/sh", "-c",
                 fmt::format("{} --dump-dom '{}' > '{}' 2> '{}'", common, url,
                             (dir_ / "dom.html").string(), (dir_ / "chromium.log").string())};
    const util::ChildExit dumped = util::run_child(spec);
    EXPECT_TRUE(dumped.succeeded()) << dumped.describe() << read_text(dir_ / "chromium.log");
    spec.argv = {"/bin/sh", "-c",
                 fmt::format("{} --window-size=1280,2400 --screenshot='{}' '{}' 2>/dev/null",
                             common, (screenshots / (page + ".png")).string(), url)};
    const util::ChildExit shot = util::run_child(spec);
    EXPECT_TRUE(shot.succeeded()) << shot.describe();
    Page opened;
    opened.dom = read_text(dir_ / "dom.html");
    opened.status = body_attribute(opened.dom, "data-status");
    opened.errors = body_attribute(opened.dom, "data-errors");
    opened.plots = body_attribute(opened.dom, "data-plots");
    opened.expected_plots = body_attribute(opened.dom, "data-plots-expected");
    return opened;
  }

  void expect_drawn(const Page& page, int plots) {
    EXPECT_EQ(page.status, "ready") << page.dom.substr(0, 2000);
    EXPECT_EQ(page.errors, "0");
    EXPECT_EQ(page.plots, std::to_string(plots));
    EXPECT_EQ(page.expected_plots, std::to_string(plots));
    EXPECT_EQ(page.dom.find(kMarkupName), std::string::npos) << "markup from the data in the DOM";
  }

  TempDirectory dir_;
};

TEST_F(HtmlReport, ARunShowsEveryBenchmarkWithItsDistributionAndNamesAsText) {
  const CliResult shown = benchctl({"show", "8", "--format", "html", "--output", "run.html"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const Page page = open("run.html");
  expect_drawn(page, 4);
  EXPECT_NE(page.dom.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos)
      << "the benchmark named like markup shows as text";
  EXPECT_NE(page.dom.find("html/doubles"), std::string::npos);
}

// The page's assets are in benchctl-html.so: a benchctl installed without it says so in one line
// and writes no page, and everything else still works.
TEST_F(HtmlReport, WithoutItsModuleAPageIsRefusedInOneLineAndTheRestWorks) {
  const std::filesystem::path alone = dir_ / "alone";
  std::filesystem::create_directories(alone);
  std::filesystem::copy_file(benchctl_binary(), alone / "benchctl");
  util::ChildSpec spec;
  spec.argv = {(alone / "benchctl").string(), "show",     "8",    "--db",
               (dir_ / "html.db").string(),   "--format", "html", "--output",
               (dir_ / "none.html").string()};
  const util::ChildExit refused = util::run_child(spec);
  EXPECT_EQ(refused.exit_code, 6) << refused.output_tail;
  EXPECT_EQ(lines_of(refused.output_tail).size(), 1u) << refused.output_tail;
  EXPECT_NE(
      refused.output_tail.find("incomplete installation: cannot find benchctl-html.so next to"),
      std::string::npos)
      << refused.output_tail;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "none.html"));
  spec.argv = {(alone / "benchctl").string(), "show",     "8",       "--db",
               (dir_ / "html.db").string(),   "--format", "markdown"};
  const util::ChildExit shown = util::run_child(spec);
  EXPECT_EQ(shown.exit_code, 0) << shown.output_tail;
}

// A differential profile's page: a flame graph whose frames are the functions, the one named like
// markup ("checksum<script>") shown as text.
TEST_F(HtmlReport, AProfileAgainstAnotherBuildDrawsItsFlameGraphWithNamesAsText) {
  if (BENCHCTL_TEST_UNDER_SANITIZERS)
    GTEST_SKIP() << "valgrind cannot run a sanitized benchctl";
  dir_.write("profiled.yaml",
             "suite: profiled\nplugins: [profiled]\nbenchmarks: [profiled/loop]\n");
  const CliResult profiled = benchctl({"profile", "profiled.yaml", "--plugin-path",
                                       test_plugin_dir("profiled-extra").string(), "--against",
                                       test_plugin_dir("profiled").string(), "--time", "0.2",
                                       "--format", "html", "--output", "profile.html"});
  ASSERT_EQ(profiled.exit_code, 0) << profiled.err;
  const Page page = open("profile.html");
  EXPECT_EQ(page.status, "ready") << page.dom.substr(0, 2000);
  EXPECT_EQ(page.errors, "0");
  EXPECT_EQ(body_attribute(page.dom, "data-flame-graphs"), "1");
  EXPECT_EQ(page.dom.find("<script>(unsigned"), std::string::npos) << "markup from the data";
  EXPECT_NE(page.dom.find("checksum&lt;script&gt;(unsigned long)</div>"), std::string::npos)
      << "the function named like markup is a frame of the flame graph, as text";
  EXPECT_NE(page.dom.find("BM_Loop(benchmark::State&amp;)</div>"), std::string::npos);
}

TEST_F(HtmlReport, ARunWithBudgetsShowsThemBesideItsPlots) {
  dir_.write("budgets.yaml",
             "suite: budgets\nplugins: [scaled]\n"
             "defaults: {processes: 3, repetitions: 2, min_time: 5ms, warmup: 2ms}\n"
             "benchmarks:\n  - name: scaled/work\n"
             "    budgets: {median: 20us, p99: {limit: 1s, soft: true}}\n");
  const CliResult run =
      benchctl({"run", "budgets.yaml", "--plugin-path", test_plugin_dir("scaled").string(),
                "--format", "html", "--output", "budgets.html", "--fail-on", "failure"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Page page = open("budgets.html");
  expect_drawn(page, 1);
  EXPECT_NE(page.dom.find("<h2>Budgets</h2>"), std::string::npos);
  EXPECT_NE(page.dom.find("p99 (soft)"), std::string::npos);
  // The median's limit is drawn across the plot; the p99's, far above the figures, is named.
  EXPECT_NE(page.dom.find("Beyond the axis: p99 ≤ 1 s"), std::string::npos);
}

TEST_F(HtmlReport, ALoadTestPlotsItsSecondsAndItsRecovery) {
  dir_.write("load.yaml",
             "suite: load\nplugins: [load, scaled]\n"
             "defaults: {processes: 2, repetitions: 1, min_time: 5ms, warmup: 2ms}\n"
             "benchmarks:\n  - scaled/work\n  - name: burst\n"
             "    load: {operation: load/slow, rate: 1000/s, duration: 6s, "
             "burst: {rate: 10K/s, duration: 1s, at: 2s}}\n"
             "    budgets: {max_recovery_time: 10s}\n");
  const CliResult run =
      benchctl({"run", "load.yaml", "--plugin-path",
                test_plugin_dir("load").string() + ":" + test_plugin_dir("scaled").string(),
                "--format", "html", "--output", "load.html", "--fail-on", "failure"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Page page = open("load.html");
  expect_drawn(page, 2);  // the benchmark's distribution and the load test's seconds
  EXPECT_NE(page.dom.find("Load tests: each request timed from its intended start"),
            std::string::npos);
  EXPECT_NE(page.dom.find("burst · every second"), std::string::npos);
}

TEST_F(HtmlReport, AComparisonDrawsTheForestPlotAndBothSidesOfEachBenchmark) {
  // Run 5 is the first at the new level: the quiet runs before it are its noise history.
  const CliResult compared = benchctl(
      {"compare", "4", "5", "--format", "html", "--output", "compare.html", "--fail-on", "none"});
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  const Page page = open("compare.html");
  expect_drawn(page, 1 + 4);
  EXPECT_NE(page.dom.find("class=\"badge regression\""), std::string::npos)
      << "html/doubles took twice as long";
  EXPECT_NE(page.dom.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(HtmlReport, AHistoryMarksItsChangePoint) {
  const CliResult history = benchctl({"history", "--format", "html", "--output", "history.html"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const Page page = open("history.html");
  expect_drawn(page, 4 + 1);  // each benchmark and the suite's common level
  EXPECT_NE(page.dom.find("Change points"), std::string::npos);
  EXPECT_NE(page.dom.find("+100.0%"), std::string::npos) << "the doubling in the change table";
}

TEST_F(HtmlReport, OnATerminalThePageGoesNextToTheDatabase) {
  std::filesystem::create_directories(dir_ / "results");
  std::filesystem::copy_file(dir_ / "html.db", dir_ / "results" / "moved.db");
  // script(1) gives benchctl a terminal for stdout.
  util::ChildSpec spec;
  spec.argv = {"script", "-qec",
               fmt::format("cd '{}' && '{}' show 8 --format html --db results/moved.db",
                           dir_.path().string(), benchctl_binary().string()),
               "/dev/null"};
  const util::ChildExit shown = util::run_child(spec);
  ASSERT_TRUE(shown.succeeded()) << shown.describe() << shown.output_tail;
  const std::filesystem::path page = dir_ / "results" / "benchctl-run-8.html";
  EXPECT_TRUE(std::filesystem::exists(page)) << shown.output_tail;
  EXPECT_NE(shown.output_tail.find("Wrote results/benchctl-run-8.html"), std::string::npos)
      << shown.output_tail;
  EXPECT_EQ(shown.output_tail.find("<!DOCTYPE"), std::string::npos) << "nothing on the terminal";
}

TEST_F(HtmlReport, StdoutGetsThePageWhenRedirectedAndBadOutputsAreRefused) {
  const CliResult piped = benchctl({"show", "8", "--format", "html"});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(piped.out.find(kMarkupName), std::string::npos);
  EXPECT_EQ(piped.out.find("</script><script>"), std::string::npos);
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"show", "8", "--format", "html", "--output", "missing/run.html"},
        {"history", "--format", "html", "--output", "missing/history.html"},
        {"show", "8", "--format", "htm"},
        {"stability", "--last", "3", "--format", "html"}}) {
    const CliResult refused = benchctl(bad);
    EXPECT_EQ(refused.exit_code, 2) << bad.back() << ": " << refused.out;
    EXPECT_EQ(lines_of(refused.err).size(), 1u) << refused.err;
  }
}

}  // namespace
}  // namespace benchctl::testing
