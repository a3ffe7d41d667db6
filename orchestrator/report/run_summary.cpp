#include "report/run_summary.h"

#include <fmt/format.h>

#include "report/metrics.h"
#include "util/text_table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

using util::TextTable;
constexpr auto R = TextTable::Align::right;
constexpr auto L = TextTable::Align::left;

std::string or_dash(const std::optional<std::string>& text) {
  return text.value_or("-");
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out += prefix + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

std::string environment_line(const nlohmann::json& environment) {
  auto field = [&](const char* key) -> std::string {
    if (!environment.contains(key))
      return "?";
    const auto& value = environment[key];
    return value.is_string() ? value.get<std::string>() : value.dump();
  };
  std::string commit = environment.contains("git_commit") ? field("git_commit").substr(0, 12)
                                                          : "not a git repository";
  if (environment.value("git_dirty", false))
    commit += " (dirty)";
  return fmt::format("{} · {} · {} cores · {} · {} build · commit {}", field("host"),
                     field("cpu_model"), field("cores"), field("compiler"), field("build_type"),
                     commit);
}

}  // namespace

std::string render_run_summary(const store::RunRecord& run) {
  std::string out =
      fmt::format("Run {} · suite {} ({}) · {} · started {}\n", run.id, run.suite_name,
                  run.suite_file, store::to_string(run.status), run.started_at);
  if (!run.label.empty())
    out += fmt::format("Label: {}\n", run.label);
  out += environment_line(run.environment) + "\n\n";

  TextTable table(
      {"Benchmark", "Median", "p95", "p99", "CV", "Throughput", "Peak RSS", "Samples", "Status"},
      {L, R, R, R, R, R, R, R, L});
  for (const store::ResultRecord& result : run.results) {
    const ResultMetrics m = compute_metrics(result);
    std::optional<std::string> median, p95, p99, cv, throughput, rss;
    if (m.size_bytes)
      median = util::format_size(*m.size_bytes);
    if (m.time) {
      median = util::format_duration(m.time->median);
      p95 = util::format_duration(m.time->p95);
      p99 = util::format_duration(m.time->p99);
      cv = util::format_percent(m.time->cv);
    }
    if (m.bytes_per_second) {
      throughput = util::format_rate(*m.bytes_per_second, true);
    } else if (m.items_per_second) {
      throughput = util::format_rate(*m.items_per_second, false);
    }
    if (m.peak_rss_bytes)
      rss = util::format_size(*m.peak_rss_bytes);
    const std::string samples =
        m.samples == 0 ? "-"
                       : fmt::format("{}×{}", m.processes, m.samples / std::max(m.processes, 1));
    std::string status = store::to_string(result.status);
    if (result.status == store::ResultStatus::failed)
      status = "FAILED";
    table.add_row({result.name, or_dash(median), or_dash(p95), or_dash(p99), or_dash(cv),
                   or_dash(throughput), or_dash(rss), samples, status});
  }
  out += table.render();

  int failed = 0;
  for (const store::ResultRecord& result : run.results) {
    if (result.status != store::ResultStatus::failed)
      continue;
    if (failed++ == 0)
      out += "\nFailures:\n";
    out += fmt::format("  {}: {}\n", result.name, result.reason);
    if (!result.output_tail.empty())
      out += indent(result.output_tail, "    | ");
  }
  out += fmt::format("\n{} benchmarks, {} ok, {} failed\n", run.results.size(),
                     run.results.size() - failed, failed);
  return out;
}

std::string render_run_list(const std::vector<store::RunRecord>& runs) {
  if (runs.empty())
    return "No runs stored yet: `benchctl run SUITE` measures one.\n";
  TextTable table({"Run", "Started", "Suite", "Label", "Status", "Benchmarks", "Failed", "Commit"},
                  {R, L, L, L, L, R, R, L});
  for (const store::RunRecord& run : runs) {
    std::string commit = run.environment.value("git_commit", std::string("-")).substr(0, 12);
    if (run.environment.value("git_dirty", false))
      commit += "+";
    table.add_row({std::to_string(run.id), run.started_at, run.suite_name,
                   run.label.empty() ? "-" : run.label, store::to_string(run.status),
                   std::to_string(run.result_count), std::to_string(run.failed_count), commit});
  }
  return table.render();
}

}  // namespace benchctl::report
