#include "report/run_summary.h"

#include <fmt/format.h>

#include "analysis/metrics.h"
#include "util/text_table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

using util::TextTable;
constexpr auto R = TextTable::Align::right;
constexpr auto L = TextTable::Align::left;

// One result's figures as text, shared by the table, Markdown and CSV.
struct Row {
  std::string name, median, p95, p99, cv, throughput, rss, samples, status;
  bool per_operation = false;  // p95 and p99 are of single operations
};

Row row_of(const store::ResultRecord& result, const Style& style) {
  const analysis::ResultMetrics m = analysis::compute_metrics(result);
  Row row{result.name, "-", "-", "-", "-", "-", "-", "-", "ok"};
  if (m.size_bytes)
    row.median = util::format_size(*m.size_bytes);
  if (m.time) {
    row.median = util::format_duration(m.time->median);
    row.p95 = util::format_duration(m.time->p95);
    row.p99 = util::format_duration(m.time->p99);
    row.cv = util::format_percent(m.time->cv);
  }
  if (m.latency) {  // single operations, marked: the columns are otherwise repetition means
    row.p95 = util::format_duration(m.latency->p95) + " op";
    row.p99 = util::format_duration(m.latency->p99) + " op";
    row.per_operation = true;
  }
  if (m.bytes_per_second) {
    row.throughput = util::format_rate(*m.bytes_per_second, true);
  } else if (m.items_per_second) {
    row.throughput = util::format_rate(*m.items_per_second, false);
  }
  if (m.peak_rss_bytes)
    row.rss = util::format_size(*m.peak_rss_bytes);
  if (m.samples > 0)
    row.samples = fmt::format("{}×{}", m.processes, m.samples / std::max(m.processes, 1));
  if (result.status == store::ResultStatus::failed)
    row.status = style.red("FAILED");
  if (result.status == store::ResultStatus::running)
    row.status = "unfinished";
  return row;
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

std::string header(const store::RunRecord& run) {
  std::string out =
      fmt::format("Run {} · suite {} ({}) · {} · started {}\n", run.id, run.suite_name,
                  run.suite_file, store::to_string(run.status), run.started_at);
  if (!run.label.empty())
    out += fmt::format("Label: {}\n", run.label);
  return out + environment_line(run.environment) + "\n";
}

int failed_count(const store::RunRecord& run) {
  return static_cast<int>(std::count_if(
      run.results.begin(), run.results.end(),
      [](const store::ResultRecord& r) { return r.status != store::ResultStatus::ok; }));
}

std::string render_table(const store::RunRecord& run, const Style& style) {
  std::string out = header(run) + "\n";
  TextTable table(
      {"Benchmark", "Median", "p95", "p99", "CV", "Throughput", "Peak RSS", "Samples", "Status"},
      {L, R, R, R, R, R, R, R, L});
  bool per_operation = false;
  for (const store::ResultRecord& result : run.results) {
    const Row r = row_of(result, style);
    table.add_row({r.name, r.median, r.p95, r.p99, r.cv, r.throughput, r.rss, r.samples, r.status});
    per_operation |= r.per_operation;
  }
  out += table.render();
  if (per_operation)
    out += "(\"op\": percentiles of single operations, recorded by benchctl::LatencyRecorder)\n";
  const int failed = failed_count(run);
  if (failed > 0)
    out += "\nFailures:\n";
  for (const store::ResultRecord& result : run.results) {
    if (result.status == store::ResultStatus::ok)
      continue;
    out += fmt::format("  {}: {}\n", result.name, result.reason);
    if (!result.output_tail.empty())
      out += indent(result.output_tail, "    | ");
  }
  out += fmt::format("\n{} benchmarks, {} ok, {} failed\n", run.results.size(),
                     static_cast<int>(run.results.size()) - failed, failed);
  return out;
}

std::string render_markdown(const store::RunRecord& run) {
  std::string out =
      fmt::format("## benchctl run {} · suite `{}`\n\n{}\n\n", run.id,
                  markdown_cell(run.suite_name), markdown_cell(environment_line(run.environment)));
  out += "| Benchmark | Median | p95 | p99 | CV | Throughput | Peak RSS | Samples | Status |\n";
  out += "|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const store::ResultRecord& result : run.results) {
    const Row r = row_of(result, Style{});
    const std::string status =
        result.status == store::ResultStatus::ok ? "ok" : "FAILED: " + result.reason;
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |\n", markdown_cell(r.name),
                       r.median, r.p95, r.p99, r.cv, r.throughput, r.rss, r.samples,
                       markdown_cell(status));
  }
  return out;
}

std::string render_csv(const store::RunRecord& run) {
  std::string out =
      "name,kind,status,median_seconds,p95_seconds,p99_seconds,cv,bytes_per_second,items_per_"
      "second,"
      "peak_rss_bytes,size_bytes,processes,samples,reason\n";
  for (const store::ResultRecord& result : run.results) {
    const analysis::ResultMetrics m = analysis::compute_metrics(result);
    auto number = [](const std::optional<double>& v) {
      return v ? fmt::format("{}", *v) : std::string();
    };
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(result.name),
                       store::to_string(result.kind), store::to_string(result.status),
                       number(m.time ? std::optional(m.time->median) : std::nullopt),
                       number(m.time ? std::optional(m.time->p95) : std::nullopt),
                       number(m.time ? std::optional(m.time->p99) : std::nullopt),
                       number(m.time ? std::optional(m.time->cv) : std::nullopt),
                       number(m.bytes_per_second), number(m.items_per_second),
                       number(m.peak_rss_bytes), number(m.size_bytes), m.processes, m.samples,
                       csv_field(result.reason));
  }
  return out;
}

}  // namespace

nlohmann::json run_json(const store::RunRecord& run) {
  nlohmann::json json = {{"schema", "benchctl.run/1"},
                         {"id", run.id},
                         {"suite", run.suite_name},
                         {"suite_file", run.suite_file},
                         {"label", run.label},
                         {"status", store::to_string(run.status)},
                         {"started_at", run.started_at},
                         {"finished_at", run.finished_at},
                         {"config_hash", run.config_hash},
                         {"environment", run.environment}};
  json["plugins"] = nlohmann::json::array();
  for (const auto& p : run.plugins) {
    json["plugins"].push_back({{"name", p.name},
                               {"version", p.version},
                               {"abi", p.abi},
                               {"benchmark_version", p.benchmark_version}});
  }
  json["results"] = nlohmann::json::array();
  for (const store::ResultRecord& result : run.results) {
    const analysis::ResultMetrics m = analysis::compute_metrics(result);
    nlohmann::json r = {{"name", result.name},
                        {"kind", store::to_string(result.kind)},
                        {"status", store::to_string(result.status)},
                        {"processes", m.processes},
                        {"samples", m.samples}};
    if (!result.reason.empty())
      r["reason"] = result.reason;
    if (m.time) {
      r["time"] = {
          {"unit", "seconds"},        {"median", m.time->median}, {"mean", m.time->mean},
          {"stddev", m.time->stddev}, {"cv", m.time->cv},         {"min", m.time->min},
          {"max", m.time->max},       {"p50", m.time->median},    {"p90", m.time->p90},
          {"p95", m.time->p95},       {"p99", m.time->p99},       {"outliers", m.outliers}};
      if (m.latency) {
        r["latency"] = {{"unit", "seconds"},     {"p50", m.latency->p50}, {"p90", m.latency->p90},
                        {"p95", m.latency->p95}, {"p99", m.latency->p99}, {"max", m.latency->max}};
      }
      r["process_medians"] = m.process_medians;
      r["process_minima"] = m.process_minima;
    }
    if (m.bytes_per_second)
      r["bytes_per_second"] = *m.bytes_per_second;
    if (m.items_per_second)
      r["items_per_second"] = *m.items_per_second;
    if (m.peak_rss_bytes)
      r["peak_rss_bytes"] = *m.peak_rss_bytes;
    if (m.size_bytes)
      r["size_bytes"] = *m.size_bytes;
    json["results"].push_back(std::move(r));
  }
  return json;
}

std::string render_run(const store::RunRecord& run, Format format, const Style& style) {
  switch (format) {
    case Format::table:
      return render_table(run, style);
    case Format::markdown:
      return render_markdown(run);
    case Format::csv:
      return render_csv(run);
    case Format::json:
      return run_json(run).dump(2) + "\n";
  }
  return {};
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
