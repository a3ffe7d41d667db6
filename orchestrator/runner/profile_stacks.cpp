#include "runner/profile_stacks.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <unordered_map>

#include "util/error.h"
#include "util/split.h"

namespace benchctl::runner {
namespace {

bool is_harness(std::string_view frame) {
  return frame.starts_with("benchmark::") || frame.starts_with("0x") ||
         frame.starts_with("[unknown]");
}

std::string folded_name(std::string frame) {
  std::replace(frame.begin(), frame.end(), ';', ':');
  return frame;
}

}  // namespace

std::vector<std::string> benchmark_frames(const std::vector<std::string>& root_first) {
  const auto harness = std::find_if(root_first.rbegin(), root_first.rend(), [](const auto& frame) {
    return frame.starts_with("benchmark::RunSpecifiedBenchmarks(");
  });
  std::vector<std::string> frames;
  if (harness == root_first.rend()) {
    frames.push_back("[truncated]");
    for (const std::string& frame : root_first)
      frames.push_back(folded_name(frame));
    return frames;
  }
  auto first = harness.base();  // the frame below RunSpecifiedBenchmarks
  while (first != root_first.end() && is_harness(*first))
    ++first;
  if (first == root_first.end())
    return {"[Google Benchmark]"};
  for (; first != root_first.end(); ++first)
    frames.push_back(folded_name(*first));
  return frames;
}

void StackCollector::add(const std::vector<std::string>& root_first, std::int64_t cost) {
  if (cost != 0)
    costs_[benchmark_frames(root_first)] += cost;
}

std::vector<store::ProfileStack> StackCollector::stacks() const {
  std::vector<store::ProfileStack> stacks;
  for (const auto& [frames, cost] : costs_)
    stacks.push_back({frames, cost});
  return stacks;
}

namespace {

// Callgrind compresses names: "(12) name" the first time, "(12)" after.
class NameTable {
 public:
  const std::string& resolve(std::string_view text) {
    if (!text.starts_with("("))
      return temporary_ = std::string(text);
    const std::size_t close = text.find(')');
    if (close == std::string_view::npos)
      throw Error(fmt::format("a compressed name without ')': '{}'", text));
    std::string id(text.substr(1, close - 1));
    std::string_view name = text.substr(close + 1);
    if (!name.empty() && name.front() == ' ')
      name.remove_prefix(1);
    if (!name.empty())
      names_[id] = std::string(name);
    const auto found = names_.find(id);
    if (found == names_.end())
      throw Error(fmt::format("the compressed name '{}' is used before it is defined", text));
    return found->second;
  }

 private:
  std::unordered_map<std::string, std::string> names_;
  std::string temporary_;
};

// "callee'caller'caller's caller" as root-first frames.
std::vector<std::string> context_frames(const std::string& context) {
  std::vector<std::string> frames = util::split(context, '\'');
  std::reverse(frames.begin(), frames.end());
  return frames;
}

// The first event's value on a cost line: `positions` position columns, then the events.
std::int64_t first_event(std::string_view line, int positions) {
  std::vector<std::string_view> columns;
  for (std::size_t at = 0; at < line.size();) {
    const std::size_t end = std::min(line.find(' ', at), line.size());
    if (end > at)
      columns.push_back(line.substr(at, end - at));
    at = end + 1;
  }
  if (columns.size() <= static_cast<std::size_t>(positions))
    return 0;  // no event counted on this line
  const std::string_view value = columns[static_cast<std::size_t>(positions)];
  std::int64_t cost = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), cost);
  if (error != std::errc() || end != value.data() + value.size())
    throw Error(fmt::format("a cost that is not a number: '{}'", line));
  return cost;
}

}  // namespace

std::vector<store::ProfileStack> read_callgrind_stacks(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw Error(fmt::format("cannot read callgrind's output {}", file.string()));
  NameTable functions;
  StackCollector collector;
  int positions = 1;
  bool seen_events = false;
  std::vector<std::string> current;
  bool after_calls = false;  // the line after calls= is the call's inclusive cost, not self cost
  int line_number = 0;
  try {
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      if (line.empty() || line.front() == '#')
        continue;
      const char first = line.front();
      if (std::isdigit(static_cast<unsigned char>(first)) || first == '+' || first == '-' ||
          first == '*') {
        if (!seen_events)
          throw Error("a cost line before the events line");
        const std::int64_t cost = first_event(line, positions);
        if (!after_calls && !current.empty())
          collector.add(current, cost);
        after_calls = false;
        continue;
      }
      after_calls = false;
      if (line.starts_with("positions:")) {
        positions = static_cast<int>(util::split(util::trim(line.substr(10)), ' ').size());
      } else if (line.starts_with("events:")) {
        seen_events = true;
      } else if (line.starts_with("fn=")) {
        current = context_frames(functions.resolve(line.substr(3)));
      } else if (line.starts_with("cfn=")) {
        functions.resolve(line.substr(4));  // defines the name for later fn= lines
      } else if (line.starts_with("calls=")) {
        after_calls = true;
      }
    }
  } catch (const Error& e) {
    throw Error(
        fmt::format("{}:{}: not callgrind's format: {}", file.string(), line_number, e.what()));
  }
  if (!seen_events)
    throw Error(fmt::format("{}: not callgrind's format: no events line", file.string()));
  return collector.stacks();
}

std::vector<store::ProfileStack> read_perf_stacks(std::string_view script) {
  StackCollector collector;
  std::vector<std::string> leaf_first;
  std::int64_t period = -1;
  auto finish_sample = [&] {
    if (period >= 0) {
      std::reverse(leaf_first.begin(), leaf_first.end());
      collector.add(leaf_first, period);
    }
    leaf_first.clear();
    period = -1;
  };
  for (std::string_view rest = script; !rest.empty();) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (util::trim(line).empty()) {
      finish_sample();
    } else if (line.front() != '\t') {
      finish_sample();
      // "comm period": the header of a sample; its frames follow, each on a line of its own
      // that starts with a tab.
      const std::string header(util::trim(line));
      const std::size_t space = header.find_last_of(' ');
      const std::string value = space == std::string::npos ? header : header.substr(space + 1);
      std::int64_t parsed = 0;
      const auto [at, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (error != std::errc() || at != value.data() + value.size())
        throw Error(fmt::format("perf script: a sample without its period: '{}'", header));
      period = parsed;
    } else {
      // "    ip symbol+0x12 (dso)" or "    ip [unknown] (dso)"
      std::string frame(util::trim(line));
      const std::size_t symbol = frame.find(' ');
      frame = symbol == std::string::npos ? frame : frame.substr(symbol + 1);
      const std::size_t dso = frame.rfind(" (");
      std::string name = frame.substr(0, dso);
      if (name.ends_with(" (inlined)"))
        name.resize(name.size() - 10);
      if (name == "[unknown]" && dso != std::string::npos)
        name = "[unknown] " + frame.substr(dso + 1);
      leaf_first.push_back(name);
    }
  }
  finish_sample();
  return collector.stacks();
}

}  // namespace benchctl::runner
