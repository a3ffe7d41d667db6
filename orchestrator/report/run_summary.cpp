#include "report/run_summary.h"

#include <fmt/format.h>

#include "analysis/disturbance.h"
#include "analysis/metrics.h"
#include "report/load_report.h"
#include "report/run_table.h"
#include "report/table.h"
#include "util/text_table.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

using util::TextTable;

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

std::string environment_line(const store::Environment& environment) {
  std::string commit =
      environment.git_commit ? environment.git_commit->substr(0, 12) : "not a git repository";
  if (environment.dirty())
    commit += " (dirty)";
  return fmt::format("{} · {} · {} cores · {} · {} build · commit {}",
                     environment.host.value_or("?"), environment.cpu_model.value_or("?"),
                     environment.cores ? std::to_string(*environment.cores) : "?",
                     environment.compiler.value_or("?"), environment.build_type.value_or("?"),
                     commit);
}

// Whether the run kept its build (store/store.h), so that it can be measured again by pairs.
std::string build_line(const store::RunRecord& run) {
  if (run.plugins.empty()) {
    const bool benchmarks = std::any_of(
        run.results.begin(), run.results.end(),
        [](const store::ResultRecord& r) { return r.kind == store::ResultKind::benchmark; });
    return benchmarks ? "Build: none (an imported run names no plugin file)\n" : "";
  }
  std::string kept;
  for (const store::PluginVersion& plugin : run.plugins) {
    if (plugin.sha256.empty())
      return "Build: not kept (stored before benchctl kept builds)\n";
    kept +=
        fmt::format("{}{} {}", kept.empty() ? "" : ", ", plugin.name, plugin.sha256.substr(0, 12));
  }
  return fmt::format("Build: kept ({}): `ab --a {}` and `compare --resolve` measure it again\n",
                     kept, run.id);
}

std::string header(const store::RunRecord& run) {
  std::string out =
      fmt::format("Run {} · suite {} ({}) · {} · started {}\n", run.id, run.suite_name,
                  run.suite_file, store::to_string(run.status), run.started_at);
  if (!run.label.empty())
    out += fmt::format("Label: {}\n", run.label);
  if (run.shard) {
    out += fmt::format("Shard {} of group {} (`show group:{}` reads the group)\n", run.shard->index,
                       run.shard->group, run.shard->group);
  }
  return out + environment_line(run.environment) + "\n" + build_line(run);
}

int failed_count(const store::RunRecord& run) {
  return static_cast<int>(std::count_if(
      run.results.begin(), run.results.end(),
      [](const store::ResultRecord& r) { return r.status != store::ResultStatus::ok; }));
}

// A warning when some processes ran while the machine was busy with something else.
std::string disturbance_text(const store::RunRecord& run) {
  const analysis::Disturbance d = analysis::assess(run);
  if (d.disturbed == 0)
    return {};
  return fmt::format(
      "{} of {} processes ran while the machine was busy (tasks waited for a CPU up to {} of the "
      "time, the hypervisor stole up to {}): their figures may be off",
      d.disturbed, d.processes, util::format_percent(d.worst_pressure),
      util::format_percent(d.worst_steal));
}

nlohmann::json disturbance_json(const analysis::Disturbance& d) {
  return {{"processes", d.processes},
          {"disturbed", d.disturbed},
          {"worst_steal", d.worst_steal},
          {"worst_cpu_pressure", d.worst_pressure}};
}

std::string render_table(const analysis::AnalysedRun& analysed, const Style& style) {
  const store::RunRecord& run = analysed.run;
  bool per_operation = false, per_request = false;
  std::string out =
      header(run) + "\n" + render_text(run_table(analysed, style, per_operation, per_request));
  if (per_operation)
    out += "(\"op\": percentiles of single operations, recorded by benchctl::LatencyRecorder)\n";
  if (per_request) {
    out +=
        "(\"req\": percentiles of a load test's requests, each timed from its intended start; "
        "throughput: the achieved rate)\n";
  }
  if (const Table load = load_table(analysed); !load.rows.empty())
    out += "\nLoad tests:\n" + render_text(load);
  if (const std::string disturbance = disturbance_text(run); !disturbance.empty())
    out += style.yellow("Warning: " + disturbance) + "\n";
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

std::string render_markdown(const analysis::AnalysedRun& analysed) {
  const store::RunRecord& run = analysed.run;
  bool per_operation = false, per_request = false;
  std::string out =
      fmt::format("## benchctl run {} · suite `{}`\n\n{}\n\n", run.id,
                  markdown_cell(run.suite_name), markdown_cell(environment_line(run.environment)));
  if (const std::string disturbance = disturbance_text(run); !disturbance.empty())
    out += "> ⚠️ " + markdown_cell(disturbance) + "\n\n";
  out += report::render_markdown(run_table(analysed, Style{}, per_operation, per_request));
  if (const Table load = load_table(analysed); !load.rows.empty())
    out += "\n### Load tests\n\n" + report::render_markdown(load);
  return out;
}

// Each process's CPUs ("1", null where not recorded), when any process has them recorded.
nlohmann::json allowed_cpus_json(const store::ResultRecord& result) {
  nlohmann::json cpus = nlohmann::json::array();
  bool recorded = false;
  for (const store::ProcessRecord& process : result.processes) {
    const auto& allowed = process.conditions.allowed_cpus;
    recorded = recorded || allowed.has_value();
    cpus.push_back(allowed ? nlohmann::json(allowed->to_string()) : nlohmann::json());
  }
  return recorded ? cpus : nlohmann::json();
}

}  // namespace

nlohmann::json run_json(const analysis::AnalysedRun& analysed) {
  const store::RunRecord& run = analysed.run;
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
  if (run.shard)
    json["shard"] = {{"group", run.shard->group}, {"index", run.shard->index}};
  json["conditions"] = disturbance_json(analysis::assess(run));
  json["plugins"] = nlohmann::json::array();
  for (const auto& p : run.plugins) {
    json["plugins"].push_back(
        {{"name", p.name},
         {"version", p.version},
         {"abi", p.abi},
         {"benchmark_version", p.benchmark_version},
         {"sha256", p.sha256.empty() ? nlohmann::json() : nlohmann::json(p.sha256)}});
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
    r["conditions"] = disturbance_json(analysis::assess(result));
    if (const auto cpus = allowed_cpus_json(result); !cpus.is_null())
      r["conditions"]["allowed_cpus"] = cpus;
    if (m.allocations) {
      r["allocations"] = {{"per_iteration", *m.allocations},
                          {"frees_per_iteration", m.frees.value_or(0)},
                          {"bytes_per_iteration", m.allocated_bytes.value_or(0)}};
    }
    if (m.instructions) {
      r["instructions"] = {{"per_iteration", *m.instructions},
                           {"process_medians", m.process_instructions}};
      if (m.ll_misses) {
        r["instructions"]["l1_misses_per_iteration"] = *m.l1_misses;
        r["instructions"]["ll_misses_per_iteration"] = *m.ll_misses;
        r["instructions"]["estimated_cycles_per_iteration"] = *m.estimated_cycles;
      }
    }
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
    if (const auto& load = analysed.load_of(result))
      r["load"] = load_json(*load);
    json["results"].push_back(std::move(r));
  }
  return json;
}

std::string render_run(const analysis::AnalysedRun& analysed, Format format, const Style& style) {
  switch (format) {
    case Format::table:
      return render_table(analysed, style);
    case Format::markdown:
      return render_markdown(analysed);
    case Format::csv: {
      bool per_operation = false, per_request = false;
      return render_csv(run_table(analysed, Style{}, per_operation, per_request));
    }
    case Format::json:
      return run_json(analysed).dump(2) + "\n";
  }
  return {};
}

std::string render_run_list(const std::vector<store::RunRecord>& runs) {
  if (runs.empty())
    return "No runs stored yet: `benchctl run SUITE` measures one.\n";
  TextTable table(
      {"Run", "Started", "Suite", "Label", "Machine", "Status", "Benchmarks", "Failed", "Commit"},
      {kRight, kLeft, kLeft, kLeft, kLeft, kLeft, kRight, kRight, kLeft});
  for (const store::RunRecord& run : runs) {
    std::string commit = run.environment.git_commit.value_or("-").substr(0, 12);
    if (run.environment.dirty())
      commit += "+";
    table.add_row({std::to_string(run.id), run.started_at, run.suite_name,
                   run.label.empty() ? "-" : run.label,
                   run.environment.machine_class.value_or(run.environment.host.value_or("-")),
                   store::to_string(run.status), std::to_string(run.result_count),
                   std::to_string(run.failed_count), commit});
  }
  return table.render();
}

}  // namespace benchctl::report
