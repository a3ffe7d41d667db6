// benchctl-worker.so's entry point (runner/worker_module.h): the request as the host wrote it,
// handed to runner/worker.h.
#include <iostream>

#include "runner/worker.h"
#include "runner/worker_module.h"

extern "C" __attribute__((visibility("default"))) int benchctl_worker_main(const char* request_json,
                                                                           int result_fd) {
  using namespace benchctl::runner;
  try {
    const nlohmann::json request = nlohmann::json::parse(request_json);
    const std::string mode = request.at("mode").get<std::string>();
    const std::filesystem::path plugin_file = request.at("plugin_file").get<std::string>();
    if (mode == "describe")
      return describe_plugin(plugin_file, result_fd);
    WorkerRunRequest run;
    run.plugin_file = plugin_file;
    run.benchmark = request.at("benchmark").get<std::string>();
    run.repetitions = request.at("repetitions").get<int>();
    run.min_time = request.at("min_time").get<double>();
    run.warmup = request.at("warmup").get<double>();
    run.iterations = request.at("iterations").get<std::int64_t>();
    run.callgrind_out = request.at("callgrind_out").get<std::string>();
    run.count_instructions = !run.callgrind_out.empty();
    return run_benchmark(run, result_fd);
  } catch (const std::exception& e) {
    // Only a request the host built wrongly gets here: describe_plugin and run_benchmark report
    // their own failures on the result fd.
    std::cerr << "benchctl worker: internal error: malformed request: " << e.what() << "\n";
    return kWorkerFailureStatus;
  }
}
