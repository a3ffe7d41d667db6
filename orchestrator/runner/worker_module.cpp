#include "runner/worker_module.h"

#include "util/helper_files.h"

namespace benchctl::runner {

int run_worker_module(const std::filesystem::path& executable, const WorkerRequest& request,
                      int result_fd) {
  auto* entry = reinterpret_cast<decltype(&benchctl_worker_main)>(
      util::load_helper_symbol(executable, "benchctl-worker.so", "benchctl_worker_main"));
  return entry(encode(request).c_str(), result_fd);
}

}  // namespace benchctl::runner
