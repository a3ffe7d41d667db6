#include "runner/worker_output.h"

#include <cxxabi.h>
#include <sched.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <typeinfo>

#include "runner/peak_rss.h"
#include "runner/worker.h"
#include "util/cpu_set.h"
#include "util/error.h"

namespace benchctl::runner {
namespace {

void write_error(int fd, const std::string& text) {
  WorkerMessage error;
  error.type = WorkerMessage::Type::error;
  error.message = text;
  write_message(fd, error);
}

std::string demangle(const char* name) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return status == 0 && demangled ? demangled.get() : name;
}

}  // namespace

void write_line(int fd, std::string line) {
  line += '\n';
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      throw Error("cannot write to the result pipe");
    written += static_cast<std::size_t>(n);
  }
}

void write_message(int fd, const WorkerMessage& message) {
  write_line(fd, encode(message));
}

void write_done(int fd, std::optional<std::int64_t> peak_rss_bytes,
                std::optional<store::AllocationCounts> allocations) {
  WorkerMessage done;
  done.type = WorkerMessage::Type::done;
  done.allocations = allocations;
  done.peak_rss_bytes = peak_rss_bytes.value_or(0);
  if (const int cpu = sched_getcpu(); cpu >= 0)
    done.cpu = cpu;
  try {
    done.allowed_cpus = util::allowed_cpus().to_string();
  } catch (const Error&) {
    // Unreadable: the process is stored without its CPUs, shown as unknown.
  }
  write_message(fd, done);
}

int guarded(int fd, const std::function<int()>& body) {
  try {
    return body();
  } catch (const Error& e) {
    write_error(fd, e.what());
  } catch (const std::exception& e) {
    write_error(fd, fmt::format("threw {}: {}", demangle(typeid(e).name()), e.what()));
  } catch (...) {
    const std::type_info* type = abi::__cxa_current_exception_type();
    write_error(fd, fmt::format("threw an exception of type {}",
                                type ? demangle(type->name()) : "unknown"));
  }
  return kWorkerFailureStatus;
}

}  // namespace benchctl::runner
