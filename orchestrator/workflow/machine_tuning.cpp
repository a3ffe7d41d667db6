#include "workflow/machine_tuning.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "util/cpu_set.h"
#include "util/error.h"

namespace benchctl::workflow {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_setting(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line))
    return std::nullopt;
  return line;
}

// The kernel says why it refuses a value only through write(2)'s errno.
void write_setting(const fs::path& file, const std::string& value) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  const bool written =
      fd >= 0 && ::write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
  const int error = errno;
  if (fd >= 0)
    ::close(fd);
  if (!written)
    throw InputError(fmt::format("the kernel refused '{}' for {}: {}", value, file.string(),
                                 std::strerror(error)));
}

void require_root(const char* what) {
  if (::geteuid() != 0) {
    throw InputError(fmt::format(
        "doctor {} changes the machine's settings and needs root (sudo benchctl doctor {})", what,
        what));
  }
}

// What tuning would write, from the machine as it is.
std::vector<TuneChange> planned_changes(const fs::path& root) {
  std::vector<TuneChange> changes;
  const fs::path cpu = root / "sys/devices/system/cpu";
  std::vector<int> online;
  if (const auto line = read_setting(cpu / "online"))
    online = util::CpuSet::parse(*line, (cpu / "online").string()).cpus();
  for (const int n : online) {
    const fs::path dir = cpu / ("cpu" + std::to_string(n)) / "cpufreq";
    const auto governor = read_setting(dir / "scaling_governor");
    const auto available = read_setting(dir / "scaling_available_governors");
    if (governor && *governor != "performance" && available &&
        (" " + *available + " ").find(" performance ") != std::string::npos)
      changes.push_back({(dir / "scaling_governor").string(), *governor, "performance"});
  }
  if (const auto boost = read_setting(cpu / "cpufreq/boost"); boost && *boost == "1")
    changes.push_back({(cpu / "cpufreq/boost").string(), "1", "0"});
  if (const auto no_turbo = read_setting(cpu / "intel_pstate/no_turbo");
      no_turbo && *no_turbo == "0")
    changes.push_back({(cpu / "intel_pstate/no_turbo").string(), "0", "1"});
  const fs::path thp = root / "sys/kernel/mm/transparent_hugepage/enabled";
  if (const auto enabled = read_setting(thp);
      enabled && enabled->find("[always]") != std::string::npos)
    changes.push_back({thp.string(), "always", "madvise"});
  return changes;
}

nlohmann::json record_of(const std::vector<TuneChange>& changes) {
  nlohmann::json record = {{"schema", "benchctl.tuning-before/1"},
                           {"changes", nlohmann::json::array()}};
  for (const TuneChange& c : changes)
    record["changes"].push_back({{"file", c.file}, {"before", c.before}, {"after", c.after}});
  return record;
}

}  // namespace

std::vector<TuneChange> tune_machine(const fs::path& saved, const fs::path& root) {
  require_root("--tune");
  std::error_code error;
  if (fs::exists(saved, error)) {
    throw InputError(fmt::format(
        "{}: the machine is tuned already and not reset, expected benchctl doctor --reset first",
        saved.string()));
  }
  const std::vector<TuneChange> changes = planned_changes(root);
  if (changes.empty())
    return changes;
  fs::create_directories(saved.parent_path(), error);
  {
    std::ofstream out(saved);
    out << record_of(changes).dump(2) << "\n";
    if (!out.flush())
      throw InputError(
          fmt::format("--record {}: cannot be written: {}", saved.string(), std::strerror(errno)));
  }
  std::size_t written = 0;
  try {
    for (; written < changes.size(); ++written)
      write_setting(changes[written].file, changes[written].after);
  } catch (const InputError&) {
    for (std::size_t i = 0; i < written; ++i)
      write_setting(changes[i].file, changes[i].before);
    fs::remove(saved, error);
    throw;
  }
  return changes;
}

std::vector<TuneChange> reset_machine(const fs::path& saved) {
  require_root("--reset");
  std::ifstream in(saved);
  if (!in) {
    throw InputError(fmt::format(
        "{}: nothing to reset (benchctl doctor --tune writes it, and found nothing to change or "
        "was not run)",
        saved.string()));
  }
  std::vector<TuneChange> changes;
  try {
    const nlohmann::json record = nlohmann::json::parse(in);
    if (record.at("schema") != "benchctl.tuning-before/1")
      throw std::runtime_error("unknown schema " + record.at("schema").dump());
    for (const auto& c : record.at("changes")) {
      changes.push_back({c.at("file").get<std::string>(), c.at("after").get<std::string>(),
                         c.at("before").get<std::string>()});
    }
  } catch (const std::exception& e) {
    throw InputError(
        fmt::format("{}: not what benchctl doctor --tune writes: {}", saved.string(), e.what()));
  }
  for (const TuneChange& c : changes)
    write_setting(c.file, c.after);
  fs::remove(saved);
  return changes;
}

fs::path default_tuning_record() {
  return "/var/lib/benchctl/tuning-before.json";
}

}  // namespace benchctl::workflow
