// benchctl-worker.so's entry point (runner/worker_module.h): the request as the host wrote it,
// handed to runner/worker.h.
#include <iostream>

#include "runner/load_worker.h"
#include "runner/worker.h"
#include "runner/worker_module.h"

extern "C" __attribute__((visibility("default"))) int benchctl_worker_main(const char* request_json,
                                                                           int result_fd) {
  using namespace benchctl::runner;
  try {
    const WorkerRequest request = decode_request(request_json);
    switch (request.mode) {
      case WorkerRequest::Mode::describe:
        return describe_plugin(request.run.plugin_file, result_fd);
      case WorkerRequest::Mode::load:
        return run_load(request, result_fd);
      case WorkerRequest::Mode::profile:
        return profile_benchmark(request.run, result_fd);
      case WorkerRequest::Mode::run:
        break;
    }
    return run_benchmark(request.run, result_fd);
  } catch (const std::exception& e) {
    // Only a request the host built wrongly gets here: describe_plugin, run_benchmark and run_load
    // report their own failures on the result fd.
    std::cerr << "benchctl worker: internal error: " << e.what() << "\n";
    return kWorkerFailureStatus;
  }
}
