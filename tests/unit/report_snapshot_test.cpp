// Every report in every format, rendered from fixed records and compared with a snapshot file, so
// that a changed figure, column or layout fails here before it reaches a user.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analysis/alerts.h"
#include "analysis/analysed_run.h"
#include "analysis/budgets.h"
#include "analysis/comparison.h"
#include "analysis/complexity.h"
#include "analysis/history.h"
#include "analysis/stability.h"
#include "load_records.h"
#include "report/alerts_report.h"
#include "report/budget_report.h"
#include "report/comparison_report.h"
#include "report/complexity_report.h"
#include "report/history_report.h"
#include "report/html_report.h"
#include "report/junit.h"
#include "report/load_report.h"
#include "report/pull_request_report.h"
#include "report/run_report.h"
#include "report/run_summary.h"
#include "report/stability_report.h"
#include "snapshot.h"

namespace benchctl::report {
namespace {

using testing::expect_snapshot;

const nlohmann::json kPolicy = {{"alpha", 0.01}, {"noise_floor", 0.01}, {"warn", 0.05},
                                {"fail", 0.1},   {"confidence", 0.95},  {"time", "real"}};

// Settings in their stored form, read by the store's converter.
store::ResultSettings stored(const nlohmann::json& json) {
  return json.get<store::ResultSettings>();
}

// A benchmark result: process p, repetition r ran 1,000 iterations at base × (1 + spread(p, r)).
store::ResultRecord benchmark(const std::string& name, double seconds, nlohmann::json budgets,
                              const std::map<std::string, double>& counters = {}) {
  store::ResultRecord r;
  r.name = name;
  r.plugin = "tools";
  r.kind = store::ResultKind::benchmark;
  r.status = store::ResultStatus::ok;
  r.settings = stored({{"processes", 8},
                       {"repetitions", 3},
                       {"min_time", 0.1},
                       {"warmup", 0.05},
                       {"timeout", 120.0},
                       {"policy", kPolicy},
                       {"budgets", std::move(budgets)}});
  for (int p = 0; p < 8; ++p) {
    store::ProcessRecord process;
    process.index = p;
    process.peak_rss_bytes = 12'000'000 + 4096 * p;
    // Process 3 of every benchmark shared the machine with a busy neighbour.
    process.conditions = {0.001 * p, p == 3 ? 0.42 : 0.01 * p, p % 2, 10 + p, p, std::nullopt};
    for (int rep = 0; rep < 3; ++rep) {
      const double per_iteration = seconds * (1.0 + 0.004 * ((p * 5 + rep * 3) % 7) - 0.012);
      store::Sample sample{rep, 1000, per_iteration * 1000, per_iteration * 990, {}, {}};
      for (const auto& [counter, value] : counters)
        sample.counters[counter] = value * (1.0 + 0.001 * rep);
      process.samples.push_back(std::move(sample));
    }
    r.processes.push_back(std::move(process));
  }
  return r;
}

store::ResultRecord command(const std::string& name, double seconds) {
  store::ResultRecord r;
  r.name = name;
  r.kind = store::ResultKind::command;
  r.status = store::ResultStatus::ok;
  r.settings = stored({{"command", {"benchctl", "--version"}},
                       {"runs", 5},
                       {"warmup_runs", 1},
                       {"timeout", 60.0},
                       {"policy", kPolicy},
                       {"budgets",
                        {{{"metric", "p95"}, {"limit", 0.1}, {"hard", true}},
                         {{"metric", "max_rss"}, {"limit", 10e6}, {"hard", true}}}}});
  for (int run = 0; run < 5; ++run) {
    const double wall = seconds * (1.0 + 0.02 * run);
    r.processes.push_back({run,
                           8'000'000 + 1000 * run,
                           {{0, 1, wall, wall * 0.9, {{"user_seconds", wall * 0.6}}, {}}},
                           {},
                           {},
                           {},
                           {},
                           {}});
  }
  return r;
}

store::ResultRecord file_size(const std::string& name, double bytes) {
  store::ResultRecord r;
  r.name = name;
  r.kind = store::ResultKind::file_size;
  r.status = store::ResultStatus::ok;
  r.settings = stored({{"file", "/opt/benchctl"},
                       {"policy", kPolicy},
                       {"budgets", {{{"metric", "max_size"}, {"limit", 5e6}, {"hard", true}}}}});
  r.processes.push_back({0,
                         std::nullopt,
                         {{0, 1, std::nullopt, std::nullopt, {{"size_bytes", bytes}}, {}}},
                         {},
                         {},
                         {},
                         {},
                         {}});
  return r;
}

store::ResultRecord failed(const std::string& name) {
  store::ResultRecord r;
  r.name = name;
  r.plugin = "tools";
  r.kind = store::ResultKind::benchmark;
  r.status = store::ResultStatus::failed;
  r.reason = "killed by SIGSEGV (Segmentation fault)";
  r.output_tail = "starting\nabout to crash";
  r.settings = stored({{"policy", kPolicy}, {"budgets", nlohmann::json::array()}});
  return r;
}

// The run a suite of each kind of entry gives; `slowdown` scales the parse family and the lookup.
store::RunRecord fixed_run(std::int64_t id, double slowdown, bool newer) {
  store::RunRecord run;
  run.id = id;
  run.suite_name = "tools";
  run.suite_file = "suites/tools.yaml";
  run.label = newer ? "after <the> change" : "";
  run.status = store::RunStatus::complete;
  run.started_at = newer ? "2026-11-02T10:00:00Z" : "2026-11-01T10:00:00Z";
  run.finished_at = newer ? "2026-11-02T10:05:00Z" : "2026-11-01T10:05:00Z";
  run.config_hash = "abc123";
  run.environment = nlohmann::json{
      {"host", "ci-runner"},
      {"cpu_model", "AMD EPYC 7B13"},
      {"cores", 2},
      {"compiler", "g++ 12.2.0"},
      {"build_type", "Release"},
      {"git_commit", newer ? "1234567890abcdef" : "fedcba0987654321"},
      {"git_dirty",
       newer}}.get<store::Environment>();
  run.plugins = {{"tools", newer ? "1.1.0" : "1.0.0", "1.0", "1.7.1", "/p/benchctl_tools.so", {}}};
  const nlohmann::json no_budgets = nlohmann::json::array();
  for (int n : {1000, 10000, 100000}) {
    // The largest size may take at most 50 times the smallest's time (it takes 100).
    const nlohmann::json relative = {
        {{"metric", "max_ratio"}, {"limit", 50.0}, {"hard", false}, {"to", "tools/parse/1000"}}};
    run.results.push_back(benchmark("tools/parse/" + std::to_string(n), 2e-9 * n * slowdown,
                                    n == 100000 ? relative : no_budgets));
  }
  run.results.push_back(benchmark("tools/lookup", 2.5e-6 / slowdown,
                                  {{{"metric", "p95"}, {"limit", 5e-6}, {"hard", true}},
                                   {{"metric", "median"}, {"limit", 2.45e-6}, {"hard", false}}},
                                  {{"latency_p50", 2.4e-6 / slowdown},
                                   {"latency_p90", 3.1e-6 / slowdown},
                                   {"latency_p95", 4.0e-6 / slowdown},
                                   {"latency_p99", 9.0e-6 / slowdown},
                                   {"latency_max", 3e-5}}));
  run.results.push_back(benchmark(
      "tools/hash", 1.2e-5,
      {{{"metric", "min_throughput"}, {"limit", 1e9}, {"hard", true}, {"bytes", true}},
       {{"metric", "max_counter"}, {"limit", 2.0}, {"hard", true}, {"counter", "collisions"}}},
      {{"bytes_per_second", 8.5e8}, {"collisions", 1.0}}));
  run.results.push_back(command("startup/version", newer ? 2.1e-3 : 2.0e-3));
  run.results.push_back(file_size("binary/size", newer ? 4.2e6 : 4.0e6));
  run.results.push_back(benchmark(newer ? "tools/only_new" : "tools/only_old", 1e-6, no_budgets));
  if (newer)
    run.results.push_back(failed("tools/crash"));
  else
    run.results.push_back(benchmark("tools/crash", 3e-6, no_budgets));
  return run;
}

const store::RunRecord& baseline_run() {
  static const store::RunRecord run = fixed_run(7, 1.0, false);
  return run;
}

const store::RunRecord& current_run() {
  static const store::RunRecord run = fixed_run(8, 1.3, true);
  return run;
}

analysis::RunComparison fixed_comparison() {
  return analysis::compare_runs({baseline_run()}, "phase1", {current_run()}, "run 8", std::nullopt,
                                analysis::NoiseModel());
}

struct FormatName {
  Format format;
  const char* suffix;
};
constexpr FormatName kFormats[] = {{Format::table, "table.txt"},
                                   {Format::markdown, "markdown.md"},
                                   {Format::json, "json.json"},
                                   {Format::csv, "csv.csv"}};

TEST(ReportSnapshots, RunSummary) {
  for (const auto& [format, suffix] : kFormats)
    expect_snapshot(std::string("run.") + suffix,
                    render_run(analysis::analyse_run(current_run()), format, Style{}));
}

// A run of one load test with a burst the operation takes two seconds to recover from.
store::RunRecord load_run() {
  store::LoadSpec spec;
  spec.operation = "kernel/message/1kb";
  spec.rate = 1000;
  spec.duration = 12;
  spec.burst = store::LoadBurst{10000, 2, 3};
  store::RunRecord run;
  run.id = 9;
  run.suite_name = "load";
  run.suite_file = "suites/load.yaml";
  run.status = store::RunStatus::complete;
  run.started_at = "2026-11-26T12:00:00Z";
  run.environment = nlohmann::json{
      {"host", "ci-runner"},
      {"cpu_model", "Test CPU"},
      {"cpu_count", 2}}.get<store::Environment>();
  run.results.push_back(testing::load_result(spec, 12, [](int s) {
    testing::SecondSpec second;
    second.slow = 5;
    second.rss = 9e6 + 20e3 * s;
    if (s >= 3 && s <= 6)
      second.latency = 0.3;
    return second;
  }));
  run.results.back().name = "kernel/load/burst";
  run.results.back().settings.policy = stats::Policy();
  return run;
}

TEST(ReportSnapshots, LoadTests) {
  for (const auto& [format, suffix] : kFormats) {
    expect_snapshot(std::string("run-load.") + suffix,
                    render_run(analysis::analyse_run(load_run()), format, Style{}));
    expect_snapshot(std::string("load-seconds.") + suffix,
                    render_load_seconds(analysis::analyse_run(load_run()), format));
  }
}

TEST(ReportSnapshots, RunSummaryInColour) {
  expect_snapshot("run.colour.txt",
                  render_run(analysis::analyse_run(current_run()), Format::table, Style{true}));
}

TEST(ReportSnapshots, Budgets) {
  const auto budgets = analysis::analyse_run(current_run()).budgets;
  for (const auto& [format, suffix] : kFormats)
    expect_snapshot(std::string("budgets.") + suffix, render_budgets(budgets, format, Style{}));
}

TEST(ReportSnapshots, Comparison) {
  const auto comparison = fixed_comparison();
  for (const auto& [format, suffix] : kFormats) {
    expect_snapshot(std::string("comparison.") + suffix,
                    render_comparison(comparison, format, Style{}));
  }
}

// What run --baseline prints: the run, its budgets and complexity fits, and its comparison, in
// each format's order.
TEST(ReportSnapshots, RunReportWithItsComparison) {
  const store::RunRecord run = current_run();
  const analysis::AnalysedRun analysed = analysis::analyse_run(run);
  const auto comparison = fixed_comparison();
  for (const auto& [format, suffix] : kFormats) {
    expect_snapshot(std::string("run-report.") + suffix,
                    render_report(&analysed, &comparison, format, Style{}));
  }
}

store::Alert fixed_alert() {
  store::Alert alert;
  alert.id = 3;
  alert.suite = "tools";
  alert.host = "ci-runner";
  alert.cpu_model = "Test CPU";
  alert.first_run = 7;
  alert.commit_before = std::string(40, 'a');
  alert.commit_after = std::string(40, 'b');
  alert.created_at = "2026-11-07T02:40:00Z";
  alert.updated_at = alert.created_at;
  alert.changes = {{"tools/hash/sha256", 7, 1.0e-6, 1.1e-6, 1.1, 1.07, 1.13, 1e-5, "benchmark"},
                   {"tools/<parse>|json", 7, 2.0e-6, 2.3e-6, 1.15, 1.1, 1.2, 1e-4, "benchmark"}};
  alert.events = {{alert.created_at, store::AlertState::untriaged, "found by alerts scan"}};
  return alert;
}

TEST(ReportSnapshots, Alerts) {
  store::Alert acknowledged = fixed_alert();
  acknowledged.move_to(store::AlertState::acknowledged, "2026-11-08T09:00:00Z", "looking");
  store::Alert fixed = fixed_alert();
  fixed.id = 4;
  fixed.fixed_at_run = 11;
  fixed.move_to(store::AlertState::fixed, "2026-11-11T02:40:00Z", "came back by itself");
  const std::vector<analysis::DigestEntry> digest = {{fixed_alert(), std::nullopt},
                                                     {fixed, store::AlertState::untriaged}};
  for (const auto& [format, suffix] : kFormats) {
    expect_snapshot(std::string("alerts-list.") + suffix,
                    render_alert_list({acknowledged, fixed}, format));
    expect_snapshot(std::string("alert.") + suffix, render_alert(acknowledged, format));
    expect_snapshot(std::string("alerts-digest.") + suffix, render_alert_digest(digest, format));
  }
}

TEST(ReportSnapshots, Complexity) {
  const auto fits = analysis::fit_run_complexity(baseline_run());
  ASSERT_EQ(fits.size(), 1u);
  for (const auto& [format, suffix] : kFormats) {
    if (format != Format::csv)
      expect_snapshot(std::string("complexity.") + suffix, render_complexity(fits, format));
  }
}

TEST(ReportSnapshots, Stability) {
  const auto stability = analysis::analyse_stability({baseline_run(), current_run()});
  for (const auto& [format, suffix] : kFormats)
    expect_snapshot(std::string("stability.") + suffix, render_stability(stability, format));
}

TEST(ReportSnapshots, RunList) {
  store::RunRecord listed = current_run();
  listed.result_count = 9;
  listed.failed_count = 1;
  expect_snapshot("runs.table.txt", render_run_list({listed, baseline_run()}));
}

// Two machines; on the one shown, a calibration benchmark and a benchmark that steps up 10% at
// the seventh of twelve nights, and the calibration's own step at the tenth (the machine's).
analysis::History nightly_history() {
  std::vector<store::HistoryPoint> points;
  for (const char* name : {"calibration/spin/1000", "tools/hash/sha256"}) {
    const bool calibration = std::string(name).starts_with("calibration");
    for (int night = 0; night < 12; ++night) {
      store::HistoryPoint point;
      point.run_id = night + 1;
      point.started_at = fmt::format("2026-11-{:02}T02:30:00Z", night + 1);
      point.commit = fmt::format("{:02}{}", night, std::string(38, 'c'));
      point.name = name;
      const double step = calibration ? (night >= 9 ? 1.2 : 1.0) : (night >= 6 ? 1.1 : 1.0);
      for (int p = 0; p < 4; ++p)
        point.real_medians.push_back((calibration ? 1e-6 : 2e-4) * step *
                                     (1 + 0.002 * ((night * (calibration ? 3 : 7) + p) % 5)));
      points.push_back(point);
    }
  }
  analysis::History history = analysis::analyse_history(points, {"bench-1", "Xeon", 12, 12},
                                                        {{"bench-2", "EPYC", 3, 15}}, {});
  analysis::mark_known(history, {{"calibration/spin/1000", 10, true}});
  return history;
}

TEST(ReportSnapshots, History) {
  const auto history = nightly_history();
  ASSERT_EQ(history.benchmarks[0].change_points.size(), 1u);
  ASSERT_EQ(history.benchmarks[1].change_points.size(), 1u);
  for (const auto& [format, suffix] : kFormats)
    expect_snapshot(std::string("history.") + suffix, render_history(history, format, Style{}));
}

// The data part of an HTML page, read back from the page as a browser would: a layout change
// leaves it alone, a wrong number does not. The version and the time it was written are not
// part of it.
std::string embedded_data(const nlohmann::json& data) {
  const std::string page = render_html(data, "2026-11-26T12:00:00Z");
  const std::string open = "<script type=\"application/json\" id=\"benchctl-data\">";
  const auto begin = page.find(open) + open.size();
  nlohmann::json embedded =
      nlohmann::json::parse(page.substr(begin, page.find("</script>", begin) - begin));
  EXPECT_EQ(embedded["generated_at"], "2026-11-26T12:00:00Z");
  embedded.erase("generated_at");
  embedded.erase("generated_by");
  return embedded.dump(1) + "\n";
}

TEST(ReportSnapshots, HtmlData) {
  expect_snapshot("html-run.json",
                  embedded_data(html_run_data(analysis::analyse_run(current_run()))));
  expect_snapshot("html-comparison.json",
                  embedded_data(html_comparison_data(fixed_comparison(), nullptr)));
  expect_snapshot("html-history.json", embedded_data(html_history_data(nightly_history())));
}

TEST(ReportSnapshots, Junit) {
  expect_snapshot("junit.xml",
                  render_junit("tools", {{"run", "tools/crash", "killed by SIGSEGV", false, "tail"},
                                         {"compare", "tools/<parse>", "", false, "no change"},
                                         {"budget", "binary/size max_size", "", true, ""}}));
}

// What benchctl ci writes for a pull request: the comment, GitHub's annotations and GitLab's Code
// Quality report of the same failed cases.
TEST(ReportSnapshots, PullRequest) {
  const analysis::RunComparison comparison = fixed_comparison();
  const std::vector<analysis::BudgetJudgment> budgets =
      analysis::analyse_run(current_run()).budgets;
  const PullRequestHeading heading{
      "tools", "origin/main", std::string(40, 'b'), std::string(40, 'a'), 8, 7, "built", true};
  expect_snapshot("pull-request.markdown.md",
                  render_pull_request_comment(heading, &comparison, budgets));
  PullRequestHeading on_base = heading;
  on_base.base_source = "head";
  on_base.uncommitted_changes = false;
  expect_snapshot("pull-request-on-base.markdown.md",
                  render_pull_request_comment(on_base, nullptr, {}));
  const std::vector<JunitCase> cases = {
      {"compare", "tools/parse", "regression (ratio 1.3000)", false, ""},
      {"compare", "tools/hash", "", false, "no change"},
      {"budget", "binary/size max_size", "max_size beyond (limit 4000000)", false, ""},
      {"run", "tools/crash", "killed by SIGSEGV", false, ""}};
  const SuiteLines lines{"suites/tools.yaml", {{"tools/parse", 12}, {"binary/size", 30}}};
  expect_snapshot("pull-request.annotations.txt", github_annotations(cases, lines));
  expect_snapshot("pull-request.codequality.json", gitlab_code_quality(cases, lines).dump(2));
}

// A name or message that would end a workflow command early is escaped, not obeyed.
TEST(PullRequestAnnotations, HostileTextIsEscaped) {
  const std::vector<JunitCase> cases = {
      {"compare", "x/a,b:c%", "line one\r\nline two 100%", false, ""}};
  EXPECT_EQ(github_annotations(cases, {"dir,1/s:1.yaml", {}}),
            "::error file=dir%2C1/s%3A1.yaml,line=1,title=benchctl compare%3A x/a%2Cb%3Ac%25::line "
            "one%0D%0Aline two 100%25\n");
  EXPECT_EQ(gitlab_code_quality({{"compare", "x", "", false, "no change"}}, {"s.yaml", {}}),
            nlohmann::json::array());
}

}  // namespace
}  // namespace benchctl::report
