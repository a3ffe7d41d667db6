#include "util/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <tuple>
#include <utility>

#include "util/error.h"
#include "util/process_info.h"

extern char** environ;

namespace benchctl::util {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt_signal(int) {
  g_interrupted.store(true);
}

// A file descriptor closed on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// A close-on-exec pipe whose ends sit above fd 3, so that dup2 onto 0-3 always clears
// close-on-exec in the child.
std::pair<Fd, Fd> make_pipe() {
  int raw[2];
  if (::pipe2(raw, O_CLOEXEC) != 0) {
    throw Error(fmt::format("cannot create a pipe: {}", strerror(errno)));
  }
  Fd ends[2];
  for (int i = 0; i < 2; ++i) {
    ends[i] = Fd(::fcntl(raw[i], F_DUPFD_CLOEXEC, 10));
    ::close(raw[i]);
  }
  ::fcntl(ends[0].get(), F_SETFL, O_NONBLOCK);
  return {std::move(ends[0]), std::move(ends[1])};
}

// Reads what is available from a non-blocking fd. Returns false at end of file.
bool drain(int fd, std::string& into) {
  char buffer[8192];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      into.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0)
      return false;
    if (errno == EINTR)
      continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? true : false;
  }
}

class SpawnAttributes {
 public:
  SpawnAttributes() {
    posix_spawnattr_init(&attr_);
    posix_spawn_file_actions_init(&actions_);
  }
  ~SpawnAttributes() {
    posix_spawnattr_destroy(&attr_);
    posix_spawn_file_actions_destroy(&actions_);
  }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  posix_spawnattr_t attr_;
  posix_spawn_file_actions_t actions_;
};

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (std::string& s : strings)
    pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

using Clock = std::chrono::steady_clock;

}  // namespace

std::string describe_signal(int signal) {
  const char* abbreviation = sigabbrev_np(signal);
  const char* description = sigdescr_np(signal);
  return fmt::format("SIG{} ({})", abbreviation ? abbreviation : std::to_string(signal),
                     description ? description : "unknown signal");
}

std::string ChildExit::describe() const {
  if (!spawn_error.empty())
    return spawn_error;
  if (timed_out) {
    return fmt::format("timed out after {:.3g} s (killed)",
                       std::chrono::duration<double>(timeout).count());
  }
  if (signal != 0)
    return "killed by " + describe_signal(signal);
  return fmt::format("exited with status {}", exit_code);
}

namespace {

// The child's environment: this process's, with `added` ("NAME=value") replacing variables of the
// same name, and the parent's pid for tie_to_parent. Padded, its size does not depend on how long
// the values happen to be (a child's stack starts after it, and its layout changes what some code
// executes).
std::vector<std::string> child_environment(const std::vector<std::string>& extra, bool padded) {
  std::vector<std::string> added = extra;
  added.push_back(fmt::format("{}={}", kParentPidVariable, ::getpid()));
  auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=') + 1); };
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const bool replaced = std::any_of(added.begin(), added.end(), [&](const std::string& a) {
      return name_of(a) == name_of(*entry);
    });
    if (!replaced)
      environment.emplace_back(*entry);
  }
  environment.insert(environment.end(), added.begin(), added.end());
  if (padded) {
    constexpr std::size_t kBlock = 4096;
    const std::string name = "BENCHCTL_ENVIRONMENT_PADDING=";
    std::size_t size = name.size() + 1;
    for (const std::string& entry : environment)
      size += entry.size() + 1;
    environment.push_back(name + std::string((kBlock - size % kBlock) % kBlock, 'x'));
  }
  return environment;
}

// Starts the child in its own process group: stdin from /dev/null, stdout and stderr into
// `output`, the result pipe on fd 3, default signal handling. Returns its pid, or -1 with
// `error` set.
pid_t spawn(const ChildSpec& spec, const Fd& output, const Fd& result, std::string& error) {
  SpawnAttributes spawn;
  posix_spawn_file_actions_addopen(&spawn.actions_, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&spawn.actions_, output.get(), 1);
  posix_spawn_file_actions_adddup2(&spawn.actions_, output.get(), 2);
  if (spec.result_pipe)
    posix_spawn_file_actions_adddup2(&spawn.actions_, result.get(), 3);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&spawn.attr_, &signals);
  sigaddset(&signals, SIGPIPE);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  posix_spawnattr_setsigdefault(&spawn.attr_, &signals);
  posix_spawnattr_setpgroup(&spawn.attr_, 0);
  posix_spawnattr_setflags(&spawn.attr_,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<std::string> argv = spec.argv;
  std::vector<std::string> environment =
      child_environment(spec.extra_environment, spec.pad_environment);
  std::vector<char*> argv_pointers = c_strings(argv);
  std::vector<char*> environment_pointers = c_strings(environment);
  pid_t pid = -1;
  const int status = posix_spawnp(&pid, argv_pointers[0], &spawn.actions_, &spawn.attr_,
                                  argv_pointers.data(), environment_pointers.data());
  if (status != 0) {
    error = fmt::format("cannot start '{}': {}", spec.argv[0], strerror(status));
    return -1;
  }
  return pid;
}

// When to stop the child: at its deadline or when the user interrupts benchctl, SIGTERM to its
// group, then SIGKILL after the grace period.
class Stopper {
 public:
  Stopper(pid_t group, const ChildSpec& spec)
      : group_(group), deadline_(Clock::now() + spec.timeout), grace_(spec.kill_grace) {}

  // Sends what is due now; returns how long poll may wait before the next check.
  int check() {
    const Clock::time_point now = Clock::now();
    if (!stopping_ && (now >= deadline_ || g_interrupted.load())) {
      interrupted_ = now < deadline_;
      timed_out_ = !interrupted_;
      ::kill(-group_, SIGTERM);
      stopping_ = true;
      kill_at_ = now + grace_;
    } else if (stopping_ && now >= kill_at_) {
      ::kill(-group_, SIGKILL);
      kill_at_ = now + std::chrono::hours(24);
    }
    const Clock::time_point wake = stopping_ ? kill_at_ : deadline_;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
    // Wake at least every 100 ms so that an interrupt is noticed.
    return static_cast<int>(std::clamp<long long>(wait + 1, 0, 100));
  }
  bool timed_out() const { return timed_out_; }
  bool interrupted() const { return interrupted_; }

 private:
  pid_t group_;
  Clock::time_point deadline_;
  std::chrono::nanoseconds grace_;
  bool stopping_ = false;  // SIGTERM sent; SIGKILL at kill_at_
  Clock::time_point kill_at_;
  bool timed_out_ = false;
  bool interrupted_ = false;
};

// The complete lines of the result pipe, handed on as they arrive.
class LineSplitter {
 public:
  explicit LineSplitter(const std::function<void(std::string_view)>& on_line) : on_line_(on_line) {}
  std::string& buffer() { return pending_; }
  void deliver(bool at_end) {
    std::size_t start = 0;
    for (std::size_t newline; (newline = pending_.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      if (on_line_)
        on_line_(std::string_view(pending_).substr(start, newline - start));
    }
    pending_.erase(0, start);
    if (at_end && !pending_.empty()) {
      if (on_line_)
        on_line_(pending_);
      pending_.clear();
    }
  }

 private:
  const std::function<void(std::string_view)>& on_line_;
  std::string pending_;
};

// Waits for the child's exit while reading its output (keeping a tail) and result lines.
void watch(pid_t pid, const Fd& process, Fd& output_read, Fd& result_read, const ChildSpec& spec,
           Stopper& stopper, LineSplitter& results, std::string& output) {
  bool output_open = true;
  bool results_open = spec.result_pipe;
  for (bool exited = false; !exited;) {
    const int timeout_ms = stopper.check();
    pollfd fds[3] = {{process.get(), POLLIN, 0},
                     {output_open ? output_read.get() : -1, POLLIN, 0},
                     {results_open ? result_read.get() : -1, POLLIN, 0}};
    if (::poll(fds, 3, timeout_ms) < 0 && errno != EINTR)
      throw Error(fmt::format("cannot wait for child process {}: {}", pid, strerror(errno)));
    exited = (fds[0].revents & POLLIN) != 0;
    if (output_open && (exited || fds[1].revents != 0)) {
      output_open = drain(output_read.get(), output);
      if (output.size() > 2 * spec.output_tail_bytes)
        output.erase(0, output.size() - spec.output_tail_bytes);
    }
    if (results_open && (exited || fds[2].revents != 0)) {
      results_open = drain(result_read.get(), results.buffer());
      results.deliver(false);
    }
  }
  results.deliver(true);
}

// Collects the exit status and resources of the child, then kills what it left in its group.
void reap(pid_t pid, ChildExit& result) {
  int status = 0;
  while (::wait4(pid, &status, 0, &result.usage) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  ::kill(-pid, SIGKILL);
}

}  // namespace

ChildExit run_child(const ChildSpec& spec,
                    const std::function<void(std::string_view)>& on_result_line) {
  ChildExit result;
  result.timeout = spec.timeout;
  auto [output_read, output_write] = make_pipe();
  Fd result_read, result_write;
  if (spec.result_pipe)
    std::tie(result_read, result_write) = make_pipe();

  const Clock::time_point started = Clock::now();
  const pid_t pid = spawn(spec, output_write, result_write, result.spawn_error);
  if (pid < 0) {
    result.exit_code = 127;
    return result;
  }
  output_write.reset();
  result_write.reset();
  Fd process(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (process.get() < 0) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    throw Error(fmt::format("cannot watch child process {}: {}", pid, strerror(errno)));
  }

  Stopper stopper(pid, spec);
  LineSplitter results(on_result_line);
  std::string output;
  watch(pid, process, output_read, result_read, spec, stopper, results, output);
  reap(pid, result);
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (output.size() > spec.output_tail_bytes)
    output.erase(0, output.size() - spec.output_tail_bytes);
  result.output_tail = std::move(output);
  result.timed_out = stopper.timed_out();
  if (stopper.interrupted())
    throw Interrupted("interrupted");
  return result;
}

bool tie_to_parent() {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  const char* parent = std::getenv(kParentPidVariable);
  if (parent == nullptr || std::to_string(::getppid()) == parent)
    return true;
  const auto grandparent = parent_process(::getppid());
  return grandparent && std::to_string(*grandparent) == parent;
}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking wait returns and sees the flag
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::filesystem::path current_executable() {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error)
    throw Error("cannot find the benchctl executable: " + error.message());
  return path;
}

std::string last_lines(std::string_view text, std::size_t lines) {
  while (!text.empty() && text.back() == '\n')
    text.remove_suffix(1);
  std::size_t position = text.size();
  for (std::size_t found = 0; position > 0;) {
    const std::size_t newline = text.rfind('\n', position - 1);
    if (newline == std::string_view::npos)
      break;
    if (++found == lines)
      return std::string(text.substr(newline + 1));
    position = newline;
  }
  return std::string(text);
}

}  // namespace benchctl::util
