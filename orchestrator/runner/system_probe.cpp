#include "runner/system_probe.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "util/cpu_set.h"
#include "util/error.h"

namespace benchctl::runner {
namespace {

namespace fs = std::filesystem;

// The first line of a file, trimmed; nothing when the file is absent. A file that exists and
// cannot be read is noted in `unreadable`.
std::optional<std::string> first_line(const fs::path& file, std::vector<std::string>* unreadable) {
  std::error_code error;
  if (!fs::exists(file, error))
    return std::nullopt;
  std::ifstream in(file);
  std::string line;
  if (!in || (!std::getline(in, line) && !in.eof())) {
    if (unreadable)
      unreadable->push_back(file.string());
    return std::nullopt;
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\n'))
    line.pop_back();
  return line;
}

std::optional<long long> number_in(const fs::path& file, std::vector<std::string>* unreadable) {
  const auto line = first_line(file, unreadable);
  if (!line)
    return std::nullopt;
  try {
    std::size_t used = 0;
    const long long value = std::stoll(*line, &used);
    if (used == line->size())
      return value;
  } catch (const std::exception&) {
  }
  if (unreadable)
    unreadable->push_back(file.string());
  return std::nullopt;
}

// "always [madvise] never" → "madvise".
std::optional<std::string> bracketed(const std::optional<std::string>& line) {
  if (!line)
    return std::nullopt;
  const auto open = line->find('[');
  const auto close = line->find(']');
  if (open == std::string::npos || close == std::string::npos || close < open)
    return std::nullopt;
  return line->substr(open + 1, close - open - 1);
}

std::vector<int> online_cpus(const fs::path& sys, std::vector<std::string>* unreadable) {
  const auto line = first_line(sys / "devices/system/cpu/online", unreadable);
  if (!line)
    return {};
  try {
    return util::CpuSet::parse(*line, "online CPUs").cpus();
  } catch (const InputError&) {
    if (unreadable)
      unreadable->push_back((sys / "devices/system/cpu/online").string());
    return {};
  }
}

std::string cpu_list(const fs::path& file, std::vector<std::string>* unreadable) {
  const auto line = first_line(file, unreadable);
  if (!line)
    return {};
  try {
    return util::CpuSet::parse(*line, file.string()).to_string();
  } catch (const InputError&) {
    if (unreadable)
      unreadable->push_back(file.string());
    return {};
  }
}

store::TuningState read_tuning(const fs::path& root, std::vector<std::string>* unreadable) {
  const fs::path sys = root / "sys";
  const fs::path cpu = sys / "devices/system/cpu";
  store::TuningState state;
  std::set<std::string> governors;
  for (const int n : online_cpus(sys, unreadable)) {
    if (const auto governor =
            first_line(cpu / ("cpu" + std::to_string(n)) / "cpufreq/scaling_governor", unreadable))
      governors.insert(*governor);
  }
  if (!governors.empty()) {
    std::string joined;
    for (const std::string& g : governors)
      joined += (joined.empty() ? "" : ",") + g;
    state.governor = joined;
  }
  if (const auto boost = number_in(cpu / "cpufreq/boost", unreadable))
    state.boost = *boost != 0;
  else if (const auto no_turbo = number_in(cpu / "intel_pstate/no_turbo", unreadable))
    state.boost = *no_turbo == 0;
  if (const auto smt = number_in(cpu / "smt/active", unreadable))
    state.smt = *smt != 0;
  state.isolated = cpu_list(cpu / "isolated", unreadable);
  state.nohz_full = cpu_list(cpu / "nohz_full", unreadable);
  if (const auto aslr = number_in(root / "proc/sys/kernel/randomize_va_space", unreadable))
    state.aslr = static_cast<int>(*aslr);
  state.transparent_hugepages =
      bracketed(first_line(sys / "kernel/mm/transparent_hugepage/enabled", unreadable));
  return state;
}

// A "Name:   123 kB" line of /proc/meminfo.
std::optional<std::int64_t> meminfo_kb(const fs::path& root, const std::string& name) {
  std::ifstream in(root / "proc/meminfo");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(name + ":")) {
      std::istringstream fields(line.substr(name.size() + 1));
      std::int64_t value = 0;
      if (fields >> value)
        return value;
    }
  }
  return std::nullopt;
}

std::optional<std::uint64_t> swapped_pages(const fs::path& root) {
  std::ifstream in(root / "proc/vmstat");
  std::optional<std::uint64_t> total;
  for (std::string name; in >> name;) {
    std::uint64_t value = 0;
    in >> value;
    if (name == "pswpin" || name == "pswpout")
      total = total.value_or(0) + value;
  }
  return total;
}

std::string container_of(const fs::path& root) {
  std::error_code error;
  if (fs::exists(root / ".dockerenv", error))
    return "docker";
  if (fs::exists(root / "run/.containerenv", error))
    return "podman";
  std::ifstream environ(root / "proc/1/environ");
  std::string text((std::istreambuf_iterator<char>(environ)), std::istreambuf_iterator<char>());
  const auto found = text.find("container=");
  if (found != std::string::npos)
    return text.substr(found + 10, text.find('\0', found) - found - 10);
  return {};
}

}  // namespace

store::TuningState read_tuning_state(const fs::path& root) {
  return read_tuning(root, nullptr);
}

MachineFacts read_machine_facts(const fs::path& root) {
  MachineFacts facts;
  facts.tuning = read_tuning(root, &facts.unreadable);
  const fs::path cpu = root / "sys/devices/system/cpu";
  const std::vector<int> online = online_cpus(root / "sys", &facts.unreadable);
  facts.cpus = static_cast<int>(online.size());
  if (const auto paranoid =
          number_in(root / "proc/sys/kernel/perf_event_paranoid", &facts.unreadable))
    facts.perf_event_paranoid = static_cast<int>(*paranoid);
  facts.swap_total_kb = meminfo_kb(root, "SwapTotal");
  facts.swap_free_kb = meminfo_kb(root, "SwapFree");
  facts.swapped_pages = swapped_pages(root);
  for (const int n : online) {
    for (const char* counter : {"core_throttle_count", "package_throttle_count"}) {
      if (const auto count = number_in(
              cpu / ("cpu" + std::to_string(n)) / "thermal_throttle" / counter, &facts.unreadable))
        facts.throttle_events = facts.throttle_events.value_or(0) + *count;
    }
  }
  std::ifstream cpuinfo(root / "proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.starts_with("flags") && line.find(" hypervisor") != std::string::npos) {
      facts.hypervisor = true;
      break;
    }
  }
  facts.container = container_of(root);
  std::ifstream loadavg(root / "proc/loadavg");
  for (double value = 0; facts.load_average.size() < 3 && loadavg >> value;)
    facts.load_average.push_back(value);
  return facts;
}

}  // namespace benchctl::runner
