// benchctl worker: the hidden verb the parent execs. It runs plugin code, so it is the only
// place that loads plugins; it answers on fd 3.
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "runner/worker.h"
#include "runner/worker_module.h"
#include "util/cpu_set.h"
#include "util/error.h"
#include "util/subprocess.h"

namespace benchctl::cli {

int worker_verb(const Args& args) {
  // A worker never outlives the benchctl that started it, even one killed with SIGKILL.
  if (!util::tie_to_parent())
    return kExitInternal;

  std::string mode, plugin_file, benchmark, callgrind_out, load, cpus, perf_control, perf_ack;
  runner::WorkerRequest request;
  runner::WorkerRunRequest& run = request.run;
  po::options_description options("worker options");
  options.add_options()("mode", po::value(&mode)->required())(
      "plugin-file", po::value(&plugin_file)->required())("benchmark", po::value(&benchmark))(
      "repetitions", po::value(&run.repetitions))("min-time", po::value(&run.min_time))(
      "warmup", po::value(&run.warmup))("iterations", po::value(&run.iterations))(
      "callgrind-out", po::value(&callgrind_out))("load", po::value(&load))(
      "seed", po::value(&request.seed))("cpus", po::value(&cpus))(
      "count-allocations", po::bool_switch(&run.count_allocations))(
      "perf-control", po::value(&perf_control))("perf-ack", po::value(&perf_ack));
  po::variables_map values;
  if (!parse_arguments("worker", "describe|run|profile|load PLUGIN_FILE [BENCHMARK]", args, options,
                       {{"mode", 1}, {"plugin-file", 1}, {"benchmark", 1}}, values))
    return kExitOk;
  if (fcntl(runner::kWorkerResultFd, F_GETFD) < 0) {
    throw UsageError("worker: fd 3 is not open; the worker verb is for benchctl's own use");
  }
  if (mode == "describe") {
    request.mode = runner::WorkerRequest::Mode::describe;
  } else if (mode == "run" && !benchmark.empty()) {
    request.mode = runner::WorkerRequest::Mode::run;
  } else if (mode == "profile" && !benchmark.empty()) {
    request.mode = runner::WorkerRequest::Mode::profile;
  } else if (mode == "load" && !load.empty()) {
    request.mode = runner::WorkerRequest::Mode::load;
    const auto scenario = nlohmann::json::parse(load, nullptr, false);
    try {
      request.load = scenario.get<store::LoadSpec>();
    } catch (const std::exception& e) {
      throw UsageError(fmt::format("worker: --load is not a load scenario: {}", e.what()));
    }
  } else {
    throw UsageError(fmt::format(
        "worker: unknown mode '{}', expected describe, run PLUGIN_FILE BENCHMARK, profile "
        "PLUGIN_FILE BENCHMARK or load",
        mode));
  }
  // Pinned before the plugin is loaded: its threads and allocations start on those CPUs.
  if (!cpus.empty())
    util::pin_this_process(util::CpuSet::parse(cpus, "worker: --cpus"));
  run.plugin_file = plugin_file;
  run.benchmark = benchmark;
  run.count_instructions = !callgrind_out.empty();
  run.callgrind_out = callgrind_out;
  run.perf_control = perf_control;
  run.perf_ack = perf_ack;
  return runner::run_worker_module(util::current_executable(), request, runner::kWorkerResultFd);
}

}  // namespace benchctl::cli
