#include "runner/callgrind_output.h"

#include <fmt/format.h>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "util/error.h"

namespace benchctl::runner {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> result;
  for (std::string word; in >> word;)
    result.push_back(word);
  return result;
}

}  // namespace

CallgrindCounts CallgrindCounts::operator-(const CallgrindCounts& earlier) const {
  CallgrindCounts difference;
  difference.instructions = instructions - earlier.instructions;
  if (l1_misses && earlier.l1_misses)
    difference.l1_misses = *l1_misses - *earlier.l1_misses;
  if (ll_misses && earlier.ll_misses)
    difference.ll_misses = *ll_misses - *earlier.ll_misses;
  if (estimated_cycles && earlier.estimated_cycles)
    difference.estimated_cycles = *estimated_cycles - *earlier.estimated_cycles;
  return difference;
}

CallgrindCounts read_callgrind_dump(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw Error(fmt::format("cannot read callgrind's output {}", file.string()));
  std::vector<std::string> events;
  std::vector<std::string> summary;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("events:"))
      events = words(line.substr(7));
    else if (line.starts_with("summary:"))
      summary = words(line.substr(8));
  }
  std::map<std::string, std::int64_t> count;
  for (std::size_t i = 0; i < events.size() && i < summary.size(); ++i)
    count[events[i]] = std::stoll(summary[i]);
  if (!count.contains("Ir"))
    throw Error(fmt::format("callgrind's output {} has no instruction count", file.string()));
  CallgrindCounts counts;
  counts.instructions = count["Ir"];
  if (count.contains("I1mr") && count.contains("ILmr")) {
    const std::int64_t accesses = count["Ir"] + count["Dr"] + count["Dw"];
    const std::int64_t l1 = count["I1mr"] + count["D1mr"] + count["D1mw"];
    const std::int64_t ll = count["ILmr"] + count["DLmr"] + count["DLmw"];
    counts.l1_misses = l1;
    counts.ll_misses = ll;
    counts.estimated_cycles = static_cast<double>(accesses - l1) +
                              5.0 * static_cast<double>(l1 - ll) + 35.0 * static_cast<double>(ll);
  }
  return counts;
}

}  // namespace benchctl::runner
