#include "runner/worker_module.h"

#include <dlfcn.h>

#include <fmt/format.h>

#include "util/error.h"
#include "util/helper_files.h"

namespace benchctl::runner {

int run_worker_module(const std::filesystem::path& executable, const WorkerRequest& request,
                      int result_fd) {
  const std::filesystem::path module = util::find_helper_file(executable, "benchctl-worker.so");
  void* handle = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr)
    throw Error(fmt::format("cannot load {}: {}", module.string(), dlerror()));
  void* symbol = dlsym(handle, "benchctl_worker_main");
  if (symbol == nullptr)
    throw Error(fmt::format("{} has no benchctl_worker_main: {}", module.string(), dlerror()));
  auto* entry = reinterpret_cast<decltype(&benchctl_worker_main)>(symbol);
  return entry(encode(request).c_str(), result_fd);
}

}  // namespace benchctl::runner
