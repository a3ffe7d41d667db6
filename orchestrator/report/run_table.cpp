#include "report/run_table.h"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/metrics.h"
#include "util/units.h"

namespace benchctl::report {
namespace {

std::string number(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}

// The columns: times, throughput, memory and samples; the counts, when measured, after the times
// (instructions, then allocations).
std::vector<Column> summary_columns(bool counted, bool allocations) {
  std::vector<Column> columns = {Column("Benchmark", "name", kLeft, true),
                                 Column("", "kind"),
                                 Column("", "status"),
                                 Column("Median", "median_seconds", kRight),
                                 Column("p95", "p95_seconds", kRight),
                                 Column("p99", "p99_seconds", kRight),
                                 Column("CV", "cv", kRight),
                                 Column("", "bytes_per_second"),
                                 Column("", "items_per_second"),
                                 Column("Throughput", "", kRight),
                                 Column("Peak RSS", "peak_rss_bytes", kRight),
                                 Column("", "size_bytes"),
                                 Column("", "processes"),
                                 Column("", "samples"),
                                 Column("Samples", "", kRight),
                                 Column("Status", ""),
                                 Column("", "reason")};
  std::vector<Column> counts;
  if (counted)
    counts.push_back(Column("Instructions", "instructions_per_iteration", kRight));
  if (allocations) {
    counts.insert(counts.end(), {Column("Allocs", "allocations_per_iteration", kRight),
                                 Column("", "frees_per_iteration"),
                                 Column("Alloc bytes", "allocated_bytes_per_iteration", kRight)});
  }
  columns.insert(columns.begin() + 7, counts.begin(), counts.end());
  return columns;
}

// A result's median, p95, p99 and CV cells, and its throughput.
struct TimeCells {
  Cell median, p95, p99, cv;
  std::string throughput = "-";
};

// `per_operation` is set when a p95/p99 cell holds single operations, `per_request` when a load
// test's latencies are per request.
TimeCells time_cells(const analysis::ResultMetrics& m,
                     const std::optional<analysis::LoadFigures>& load, bool& per_operation,
                     bool& per_request) {
  const auto time = [&](double stats::Distribution::*field) {
    return m.time ? std::optional<double>((*m.time).*field) : std::nullopt;
  };
  TimeCells cells{Cell("-", {}, number(time(&stats::Distribution::median))),
                  Cell("-", {}, number(time(&stats::Distribution::p95))),
                  Cell("-", {}, number(time(&stats::Distribution::p99))),
                  Cell("-", {}, number(time(&stats::Distribution::cv)))};
  if (m.size_bytes)
    cells.median.text = util::format_size(*m.size_bytes);
  if (m.time) {
    cells.median.text = util::format_duration(m.time->median);
    cells.p95.text = util::format_duration(m.time->p95);
    cells.p99.text = util::format_duration(m.time->p99);
    cells.cv.text = util::format_percent(m.time->cv);
  }
  if (m.latency) {  // single operations, marked: the columns are otherwise repetition means
    cells.p95.text = util::format_duration(m.latency->p95) + " op";
    cells.p99.text = util::format_duration(m.latency->p99) + " op";
    per_operation = true;
  }
  if (m.bytes_per_second) {
    cells.throughput = util::format_rate(*m.bytes_per_second, true);
  } else if (m.items_per_second) {
    cells.throughput = util::format_rate(*m.items_per_second, false);
  }
  // A load test's latencies are per request, from the whole run's histogram.
  if (load && load->p50) {
    cells.median =
        Cell(util::format_duration(load->p50->value) + " req", {}, number(load->p50->value));
    cells.p95 =
        Cell(util::format_duration(load->p95->value) + " req", {}, number(load->p95->value));
    cells.p99 =
        Cell(util::format_duration(load->p99->value) + " req", {}, number(load->p99->value));
    if (load->achieved_rate)
      cells.throughput = util::format_rate(load->achieved_rate->value, false);
    per_request = true;
  }
  return cells;
}

// The counts' cells, as summary_columns placed them.
std::vector<Cell> count_cells(const analysis::ResultMetrics& m, bool counted, bool allocations) {
  auto count = [&](const std::optional<double>& value, bool bytes) {
    if (!value)
      return Cell("-", {}, "");
    return Cell(bytes ? util::format_size(*value) : util::format_exact_count(*value), {},
                number(value));
  };
  std::vector<Cell> cells;
  if (counted)
    cells.push_back(count(m.instructions, false));
  if (allocations) {
    cells.insert(cells.end(), {count(m.allocations, false), csv_only(number(m.frees)),
                               count(m.allocated_bytes, true)});
  }
  return cells;
}

}  // namespace

Table run_table(const analysis::AnalysedRun& analysed, const Style& style, bool& per_operation,
                bool& per_request) {
  const store::RunRecord& run = analysed.run;
  const bool counted = std::any_of(run.results.begin(), run.results.end(), [](const auto& r) {
    return r.settings.measure.measures().instructions;
  });
  const bool allocations = std::any_of(run.results.begin(), run.results.end(), [](const auto& r) {
    return r.settings.measure.measures().allocations;
  });
  Table table;
  table.columns = summary_columns(counted, allocations);
  per_operation = false;
  per_request = false;
  for (const store::ResultRecord& result : run.results) {
    const analysis::ResultMetrics m = analysis::compute_metrics(result);
    const TimeCells times = time_cells(m, analysed.load_of(result), per_operation, per_request);
    Cell status("ok");
    if (result.status == store::ResultStatus::failed)
      status.text = style.red("FAILED");
    if (result.status == store::ResultStatus::running)
      status.text = "unfinished";
    if (result.status != store::ResultStatus::ok)
      status.markdown = "FAILED: " + result.reason;
    std::vector<Cell> row = {
        result.name,
        csv_only(store::to_string(result.kind)),
        csv_only(store::to_string(result.status)),
        times.median,
        times.p95,
        times.p99,
        times.cv,
        csv_only(number(m.bytes_per_second)),
        csv_only(number(m.items_per_second)),
        times.throughput,
        Cell(m.peak_rss_bytes ? util::format_size(*m.peak_rss_bytes) : "-", {},
             number(m.peak_rss_bytes)),
        csv_only(number(m.size_bytes)),
        csv_only(std::to_string(m.processes)),
        csv_only(std::to_string(m.samples)),
        m.samples > 0 ? fmt::format("{}×{}", m.processes, m.samples / std::max(m.processes, 1))
                      : "-",
        status,
        csv_only(result.reason)};
    const std::vector<Cell> counts = count_cells(m, counted, allocations);
    row.insert(row.begin() + 7, counts.begin(), counts.end());
    table.add(std::move(row));
  }
  return table;
}

}  // namespace benchctl::report
