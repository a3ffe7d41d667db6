#include "util/cpu_set.h"

#include <sched.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "util/error.h"

namespace benchctl::util {
namespace {

// CPU numbers beyond what a cpu_set_t of the default size holds are refused.
constexpr int kMaxCpu = CPU_SETSIZE - 1;

[[noreturn]] void refuse(std::string_view whole, std::string_view what) {
  throw InputError(std::string(what) + " is '" + std::string(whole) +
                   "', expected a list of CPUs such as 1 or 0,2-3 (numbers 0 to " +
                   std::to_string(kMaxCpu) + ")");
}

int cpu_number(std::string_view text, std::string_view whole, std::string_view what) {
  int value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > kMaxCpu)
    refuse(whole, what);
  return value;
}

}  // namespace

CpuSet::CpuSet(std::vector<int> cpus) : cpus_(std::move(cpus)) {
  std::sort(cpus_.begin(), cpus_.end());
  cpus_.erase(std::unique(cpus_.begin(), cpus_.end()), cpus_.end());
}

CpuSet CpuSet::parse(std::string_view text, std::string_view what) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.remove_suffix(1);
  std::vector<int> cpus;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (comma != std::string_view::npos && rest.empty())
      refuse(text, what);  // a trailing comma
    const std::size_t dash = item.find('-');
    const int first = cpu_number(item.substr(0, dash), text, what);
    const int last =
        dash == std::string_view::npos ? first : cpu_number(item.substr(dash + 1), text, what);
    if (last < first)
      refuse(text, what);  // a range backwards
    for (int cpu = first; cpu <= last; ++cpu)
      cpus.push_back(cpu);
  }
  return CpuSet(std::move(cpus));
}

bool CpuSet::contains(int cpu) const {
  return std::binary_search(cpus_.begin(), cpus_.end(), cpu);
}

std::string CpuSet::to_string() const {
  std::string text;
  for (std::size_t i = 0; i < cpus_.size();) {
    std::size_t j = i;
    while (j + 1 < cpus_.size() && cpus_[j + 1] == cpus_[j] + 1)
      ++j;
    if (!text.empty())
      text += ',';
    text += std::to_string(cpus_[i]);
    if (j > i)
      text += '-' + std::to_string(cpus_[j]);
    i = j + 1;
  }
  return text;
}

CpuSet CpuSet::without(const CpuSet& other) const {
  std::vector<int> left;
  std::set_difference(cpus_.begin(), cpus_.end(), other.cpus_.begin(), other.cpus_.end(),
                      std::back_inserter(left));
  return CpuSet(std::move(left));
}

CpuSet CpuSet::with(const CpuSet& other) const {
  std::vector<int> both = cpus_;
  both.insert(both.end(), other.cpus_.begin(), other.cpus_.end());
  return CpuSet(std::move(both));
}

CpuSet allowed_cpus() {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof mask, &mask) != 0)
    throw Error(std::string("cannot read this process's CPU affinity: ") + std::strerror(errno));
  std::vector<int> cpus;
  for (int cpu = 0; cpu <= kMaxCpu; ++cpu) {
    if (CPU_ISSET(cpu, &mask))
      cpus.push_back(cpu);
  }
  return CpuSet(std::move(cpus));
}

void pin_this_process(const CpuSet& cpus) {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  for (const int cpu : cpus.cpus())
    CPU_SET(cpu, &mask);
  if (cpus.empty() || sched_setaffinity(0, sizeof mask, &mask) != 0) {
    throw Error("cannot run on CPUs '" + cpus.to_string() +
                "': " + (cpus.empty() ? std::string("no CPU given") : std::strerror(errno)) +
                " (this machine's online CPUs: /sys/devices/system/cpu/online)");
  }
}

}  // namespace benchctl::util
