#include "runner/worker_protocol.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <algorithm>

#include "util/cpu_set.h"
#include "util/error.h"

namespace benchctl::runner {

std::string encode(const WorkerMessage& message) {
  nlohmann::json json;
  switch (message.type) {
    case WorkerMessage::Type::repetition: {
      const Repetition& r = message.repetition;
      json = {{"type", "repetition"},
              {"name", r.name},
              {"iterations", r.iterations},
              {"counters", r.counters}};
      if (r.real_seconds)
        json["real_seconds"] = *r.real_seconds;
      if (r.cpu_seconds)
        json["cpu_seconds"] = *r.cpu_seconds;
      if (r.instructions)
        json["instructions"] = *r.instructions;
      break;
    }
    case WorkerMessage::Type::load_second: {
      const store::Sample& second = message.second;
      json = {{"type", "load_second"},
              {"second", second.repetition},
              {"completed", second.iterations},
              {"latency_seconds", second.real_seconds.value_or(0)},
              {"cpu_seconds", second.cpu_seconds.value_or(0)},
              {"counters", second.counters},
              {"latency", message.second_latency}};
      break;
    }
    case WorkerMessage::Type::load:
      json = message.load;
      json["type"] = "load";
      break;
    case WorkerMessage::Type::done:
      json = {{"type", "done"}, {"peak_rss_bytes", message.peak_rss_bytes}};
      if (message.cpu)
        json["cpu"] = *message.cpu;
      if (!message.allowed_cpus.empty())
        json["allowed_cpus"] = message.allowed_cpus;
      if (const auto& a = message.allocations)
        json["allocations"] = {
            {"allocations", a->allocations}, {"frees", a->frees}, {"bytes", a->bytes}};
      break;
    case WorkerMessage::Type::error:
      json = {{"type", "error"}, {"message", message.message}};
      break;
  }
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

WorkerMessage decode(std::string_view line) {
  const auto json = nlohmann::json::parse(line, nullptr, false);
  const std::string shown(line.substr(0, 120));
  if (json.is_discarded() || !json.is_object()) {
    throw Error(fmt::format("not a JSON object: '{}'", shown));
  }
  try {
    WorkerMessage message;
    const std::string type = json.at("type").get<std::string>();
    if (type == "repetition") {
      message.type = WorkerMessage::Type::repetition;
      Repetition& r = message.repetition;
      r.name = json.at("name").get<std::string>();
      r.iterations = json.at("iterations").get<std::int64_t>();
      r.counters = json.at("counters").get<std::map<std::string, double>>();
      if (json.contains("instructions")) {
        r.instructions = json.at("instructions").get<std::int64_t>();
      } else {
        r.real_seconds = json.at("real_seconds").get<double>();
        r.cpu_seconds = json.at("cpu_seconds").get<double>();
      }
      if (r.iterations <= 0 || r.real_seconds.value_or(0) < 0 || r.cpu_seconds.value_or(0) < 0 ||
          r.instructions.value_or(0) < 0) {
        throw Error(
            fmt::format("impossible repetition (iterations {}): '{}'", r.iterations, shown));
      }
    } else if (type == "load_second") {
      message.type = WorkerMessage::Type::load_second;
      store::Sample& second = message.second;
      second.repetition = json.at("second").get<int>();
      second.iterations = json.at("completed").get<std::int64_t>();
      if (second.iterations > 0)
        second.real_seconds = json.at("latency_seconds").get<double>();
      second.cpu_seconds = json.at("cpu_seconds").get<double>();
      second.counters = json.at("counters").get<std::map<std::string, double>>();
      message.second_latency = json.at("latency").get<store::LatencyBuckets>();
      if (second.repetition < 0 || second.iterations < 0 || *second.cpu_seconds < 0 ||
          second.real_seconds.value_or(0) < 0 ||
          message.second_latency.count() != static_cast<std::uint64_t>(second.iterations)) {
        throw Error(fmt::format("impossible second of a load test: '{}'", shown));
      }
    } else if (type == "load") {
      message.type = WorkerMessage::Type::load;
      message.load = json.get<store::LoadRecord>();
    } else if (type == "done") {
      message.type = WorkerMessage::Type::done;
      message.peak_rss_bytes = json.at("peak_rss_bytes").get<std::int64_t>();
      if (json.contains("cpu"))
        message.cpu = json.at("cpu").get<int>();
      if (json.contains("allowed_cpus")) {
        message.allowed_cpus =
            util::CpuSet::parse(json.at("allowed_cpus").get<std::string>(), "allowed_cpus")
                .to_string();
      }
      if (json.contains("allocations")) {
        const nlohmann::json& a = json.at("allocations");
        message.allocations =
            store::AllocationCounts{a.at("allocations").get<double>(), a.at("frees").get<double>(),
                                    a.at("bytes").get<double>()};
        if (!(message.allocations->allocations >= 0 && message.allocations->frees >= 0 &&
              message.allocations->bytes >= 0)) {
          throw Error(fmt::format("impossible allocation counts: '{}'", shown));
        }
      }
    } else if (type == "error") {
      message.type = WorkerMessage::Type::error;
      message.message = json.at("message").get<std::string>();
    } else {
      throw Error(fmt::format("unknown message type '{}': '{}'", type, shown));
    }
    return message;
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("malformed message ({}): '{}'", e.what(), shown));
  } catch (const StorageError& e) {  // a histogram out of order
    throw Error(fmt::format("malformed message ({}): '{}'", e.what(), shown));
  }
}

namespace {

constexpr std::pair<WorkerRequest::Mode, const char*> kModes[] = {
    {WorkerRequest::Mode::describe, "describe"},
    {WorkerRequest::Mode::run, "run"},
    {WorkerRequest::Mode::load, "load"},
    {WorkerRequest::Mode::profile, "profile"}};

}  // namespace

std::string encode(const WorkerRequest& request) {
  const WorkerRunRequest& run = request.run;
  const char* mode = "";
  for (const auto& [value, name] : kModes)
    mode = value == request.mode ? name : mode;
  return nlohmann::json{{"mode", mode},
                        {"load", request.load},
                        {"seed", request.seed},
                        {"plugin_file", run.plugin_file.string()},
                        {"benchmark", run.benchmark},
                        {"repetitions", run.repetitions},
                        {"min_time", run.min_time},
                        {"warmup", run.warmup},
                        {"count_instructions", run.count_instructions},
                        {"iterations", run.iterations},
                        {"callgrind_out", run.callgrind_out.string()},
                        {"count_allocations", run.count_allocations},
                        {"perf_control", run.perf_control.string()},
                        {"perf_ack", run.perf_ack.string()}}
      .dump();
}

WorkerRequest decode_request(std::string_view text) {
  try {
    const nlohmann::json json = nlohmann::json::parse(text);
    WorkerRequest request;
    const std::string mode = json.at("mode").get<std::string>();
    const auto known = std::find_if(std::begin(kModes), std::end(kModes),
                                    [&](const auto& entry) { return entry.second == mode; });
    if (known == std::end(kModes))
      throw Error(fmt::format("malformed worker request: mode '{}'", mode));
    request.mode = known->first;
    request.load = json.at("load").get<store::LoadSpec>();
    request.seed = json.at("seed").get<std::uint64_t>();
    WorkerRunRequest& run = request.run;
    run.plugin_file = json.at("plugin_file").get<std::string>();
    run.benchmark = json.at("benchmark").get<std::string>();
    run.repetitions = json.at("repetitions").get<int>();
    run.min_time = json.at("min_time").get<double>();
    run.warmup = json.at("warmup").get<double>();
    run.count_instructions = json.at("count_instructions").get<bool>();
    run.iterations = json.at("iterations").get<std::int64_t>();
    run.callgrind_out = json.at("callgrind_out").get<std::string>();
    run.count_allocations = json.at("count_allocations").get<bool>();
    run.perf_control = json.at("perf_control").get<std::string>();
    run.perf_ack = json.at("perf_ack").get<std::string>();
    return request;
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("malformed worker request: {}", e.what()));
  }
}

}  // namespace benchctl::runner
