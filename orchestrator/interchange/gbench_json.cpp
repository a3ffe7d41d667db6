#include "interchange/gbench_json.h"

#include <fmt/format.h>
#include <cmath>
#include <map>
#include <set>
#include <type_traits>
#include <utility>

#include "util/error.h"
#include "util/json_text.h"
#include "util/sha256.h"

namespace benchctl::interchange {
namespace {

double unit_in_seconds(const std::string& unit, const std::string& source) {
  if (unit == "ns")
    return 1e-9;
  if (unit == "us")
    return 1e-6;
  if (unit == "ms")
    return 1e-3;
  if (unit == "s")
    return 1.0;
  throw InputError(
      fmt::format("{}: unknown time_unit '{}', expected ns, us, ms or s", source, unit));
}

// The fields of a Google Benchmark run that are not counters.
const std::set<std::string> kRunFields = {"name",
                                          "family_index",
                                          "per_family_instance_index",
                                          "run_name",
                                          "run_type",
                                          "repetitions",
                                          "repetition_index",
                                          "threads",
                                          "iterations",
                                          "real_time",
                                          "cpu_time",
                                          "time_unit",
                                          "aggregate_name",
                                          "aggregate_unit",
                                          "error_occurred",
                                          "error_message",
                                          "label",
                                          "big_o",
                                          "rms",
                                          "complexity",
                                          "skipped",
                                          "skip_message"};

}  // namespace

nlohmann::json export_gbench(const store::RunRecord& run) {
  nlohmann::json context = {
      {"date", run.started_at},
      {"host_name", run.environment.host.value_or("")},
      {"executable", fmt::format("benchctl run {} ({})", run.id, run.suite_name)},
      {"num_cpus", run.environment.cores.value_or(0)},
      {"mhz_per_cpu", 0},
      {"cpu_scaling_enabled", false},
      {"caches", nlohmann::json::array()},
      {"library_build_type", run.environment.build_type.value_or("release")}};
  if (run.environment.load_average)
    context["load_avg"] = *run.environment.load_average;
  nlohmann::json benchmarks = nlohmann::json::array();
  int family = 0;
  for (const store::ResultRecord& result : run.results) {
    if (result.kind == store::ResultKind::file_size)
      continue;
    int total = 0;
    for (const auto& process : result.processes)
      total += static_cast<int>(process.samples.size());
    nlohmann::json base = {{"name", result.name},
                           {"family_index", family},
                           {"per_family_instance_index", 0},
                           {"run_name", result.name},
                           {"run_type", "iteration"},
                           {"repetitions", std::max(total, 1)},
                           {"threads", 1},
                           {"time_unit", "ns"}};
    ++family;
    if (result.status != store::ResultStatus::ok) {
      nlohmann::json failed = base;
      failed["repetition_index"] = 0;
      failed["iterations"] = 0;
      failed["real_time"] = 0.0;
      failed["cpu_time"] = 0.0;
      failed["error_occurred"] = true;
      failed["error_message"] = result.reason;
      benchmarks.push_back(std::move(failed));
      continue;
    }
    int index = 0;
    for (const auto& process : result.processes) {
      for (const auto& sample : process.samples) {
        if (!sample.real_seconds)
          continue;
        nlohmann::json entry = base;
        const double iterations = static_cast<double>(sample.iterations);
        entry["repetition_index"] = index++;
        entry["iterations"] = sample.iterations;
        entry["real_time"] = *sample.real_seconds / iterations * 1e9;
        entry["cpu_time"] = sample.cpu_seconds.value_or(*sample.real_seconds) / iterations * 1e9;
        for (const auto& [name, value] : sample.counters)
          entry[name] = value;
        benchmarks.push_back(std::move(entry));
      }
    }
  }
  return {{"context", context}, {"benchmarks", benchmarks}};
}

namespace {

using ImportedResult = ImportedRun::Result;

// The largest time a sample may hold: nanoseconds must fit the store's 64-bit integers.
constexpr double kLongestSample = 1e9;  // seconds, about 31 years

// Google Benchmark marks a skipped run with a non-zero "skipped" (an enum), older versions not at
// all.
bool skipped(const nlohmann::json& entry) {
  const auto found = entry.find("skipped");
  if (found == entry.end())
    return false;
  if (found->is_boolean())
    return found->get<bool>();
  return !found->is_number() || found->get<double>() != 0;
}

// Adds one document's iteration runs to `results` as process `process_index`.
void read_output(const GbenchOutput& output, int process_index,
                 std::vector<ImportedResult>& results,
                 std::map<std::string, std::size_t>& index_of) {
  const nlohmann::json& document = output.document;
  if (!document.is_object() || !document.contains("benchmarks") ||
      !document["benchmarks"].is_array()) {
    throw InputError(
        fmt::format("{}: not Google Benchmark JSON output (expected an object with a "
                    "'benchmarks' list; run the binary with --benchmark_out_format=json)",
                    output.source));
  }
  std::size_t position = 0;
  for (const auto& entry : document["benchmarks"]) {
    const std::string where = fmt::format("{}: benchmarks[{}]", output.source, position++);
    try {
      if (!entry.is_object())
        throw InputError(fmt::format("{}: expected an object for each benchmark run", where));
      if (entry.value("run_type", std::string("iteration")) != "iteration")
        continue;
      const std::string name = entry.at("name").get<std::string>();
      if (name.empty())
        throw InputError(fmt::format("{}: an empty 'name', expected the benchmark's name", where));
      auto [found, added] = index_of.try_emplace(name, results.size());
      if (added)
        results.push_back({name, {}, {}});
      ImportedResult& imported = results[found->second];
      if (entry.value("error_occurred", false) || skipped(entry)) {
        imported.error =
            entry.value("error_message", entry.value("skip_message", std::string("failed")));
        continue;
      }
      if (imported.processes.empty() || imported.processes.back().index != process_index) {
        imported.processes.emplace_back().index = process_index;
      }
      store::ProcessRecord& process = imported.processes.back();
      const double unit = unit_in_seconds(entry.value("time_unit", std::string("ns")), where);
      store::Sample sample;
      sample.repetition = static_cast<int>(process.samples.size());
      const auto iterations_count = util::integer_of(entry.at("iterations"));
      if (!iterations_count || *iterations_count <= 0) {
        throw InputError(fmt::format("{}: 'iterations' is {}, expected a positive whole number",
                                     where, entry.at("iterations").dump()));
      }
      sample.iterations = *iterations_count;
      const double iterations = static_cast<double>(sample.iterations);
      const double real_time = entry.at("real_time").get<double>();
      const double cpu_time = entry.at("cpu_time").get<double>();
      // Comparisons divide by these: a zero or negative time is not a measurement.
      if (!(real_time > 0) || !(cpu_time >= 0) || !std::isfinite(real_time) ||
          !std::isfinite(cpu_time)) {
        throw InputError(
            fmt::format("{}: real_time {} and cpu_time {}, expected a positive real_time", where,
                        real_time, cpu_time));
      }
      sample.real_seconds = real_time * unit * iterations;
      sample.cpu_seconds = cpu_time * unit * iterations;
      if (!(*sample.real_seconds < kLongestSample) || !(*sample.cpu_seconds < kLongestSample)) {
        throw InputError(fmt::format(
            "{}: {} iterations of {} {} is more than 31 years, expected a measurement", where,
            sample.iterations, real_time, entry.value("time_unit", std::string("ns"))));
      }
      for (const auto& [key, value] : entry.items()) {
        if (!kRunFields.contains(key) && value.is_number()) {
          const double counter = value.get<double>();
          if (!std::isfinite(counter))
            throw InputError(fmt::format("{}: counter '{}' is not a finite number", where, key));
          sample.counters[key] = counter;
        }
      }
      process.samples.push_back(std::move(sample));
    } catch (const nlohmann::json::exception& e) {
      throw InputError(fmt::format("{}: {}", where, e.what()));
    }
  }
}

// A field of the context; `fallback` when it is absent or of another type.
template <class T>
T context_field(const nlohmann::json& context, const char* key, T fallback) {
  const auto found = context.find(key);
  if (found == context.end())
    return fallback;
  if constexpr (std::is_integral_v<T>) {
    const auto number = util::integer_of(*found);
    return number && std::in_range<T>(*number) ? static_cast<T>(*number) : fallback;
  } else {
    return found->is_string() ? found->get<T>() : fallback;
  }
}

}  // namespace

GbenchOutput parse_gbench_output(const std::string& source, const std::string& text) {
  return {source, util::parse_json_text(text, source)};
}

ImportedRun read_gbench(const std::vector<GbenchOutput>& outputs, const ImportOptions& options) {
  ImportedRun imported;
  std::map<std::string, std::size_t> index_of;
  std::string sources;
  nlohmann::json documents = nlohmann::json::array();
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    read_output(outputs[i], static_cast<int>(i), imported.results, index_of);
    sources += (sources.empty() ? "" : ", ") + outputs[i].source;
    documents.push_back(outputs[i].document);
  }
  if (imported.results.empty())
    throw InputError(fmt::format("{}: no benchmark runs to import", sources));

  nlohmann::json context = outputs.front().document.value("context", nlohmann::json::object());
  if (!context.is_object())
    context = nlohmann::json::object();
  store::NewRun& run = imported.run;
  run.suite_name = options.suite_name;
  run.suite_file = sources;
  run.label = options.label;
  run.config = {{"imported_from", sources}, {"context", context}};
  run.config_hash = util::sha256_hex(documents.dump());
  run.environment.host = context_field(context, "host_name", std::string("unknown"));
  run.environment.cores = context_field(context, "num_cpus", 0);
  run.environment.build_type = context_field(context, "library_build_type", std::string("unknown"));
  run.environment.other = {{"imported_from", sources}};
  return imported;
}

std::int64_t store_imported(const ImportedRun& imported, store::Store& store) {
  const std::int64_t run_id = store.begin_run(imported.run);
  store::ResultSettings imported_settings;
  imported_settings.imported = true;
  for (const ImportedResult& result : imported.results) {
    const std::int64_t result_id = store.begin_result(
        run_id, {result.name, "", store::ResultKind::benchmark, imported_settings});
    for (const store::ProcessRecord& process : result.processes)
      store.add_process(result_id, process);
    if (result.error.empty() && !result.processes.empty()) {
      store.finish_result(result_id, store::ResultStatus::ok, "", "");
    } else {
      store.finish_result(result_id, store::ResultStatus::failed,
                          result.error.empty() ? "no repetitions in the file" : result.error, "");
    }
  }
  store.finish_run(run_id, store::RunStatus::complete);
  return run_id;
}

}  // namespace benchctl::interchange
