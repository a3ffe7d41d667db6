#include "runner/profile_stacks.h"

#include <cxxabi.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "util/error.h"
#include "util/split.h"

namespace benchctl::runner {
namespace {

// Google Benchmark's own frames: its functions, and the addresses or "[unknown]" of Debian's
// libbenchmark, which hides its internals.
bool is_google_benchmark(std::string_view frame) {
  return frame.starts_with("benchmark::") || frame.find("libbenchmark.so") != std::string::npos;
}

// A frame's name as stacks keep it: without GCC's " [clone .constprop.0]" suffixes (two builds
// number their clones differently, and a clone is still its function), and without ';'.
std::string folded_name(std::string frame) {
  for (std::size_t clone; (clone = frame.find(" [clone .")) != std::string::npos;) {
    const std::size_t end = frame.find(']', clone);
    frame.erase(clone, end == std::string::npos ? std::string::npos : end - clone + 1);
  }
  std::replace(frame.begin(), frame.end(), ';', ':');
  return frame;
}

}  // namespace

std::vector<std::string> benchmark_frames(const std::vector<std::string>& root_first,
                                          const std::string& plugin_file) {
  // The benchmark's function is the outermost frame that takes a benchmark::State& (a function, a
  // lambda or a fixture's BenchmarkCase), or, in a stripped plugin, the outermost of its addresses.
  const std::string in_plugin = " (" + plugin_file + ")";
  const auto benchmark = std::find_if(root_first.begin(), root_first.end(), [&](const auto& frame) {
    return (frame.find("benchmark::State&") != std::string::npos &&
            !frame.starts_with("benchmark::")) ||
           (!plugin_file.empty() && frame.ends_with(in_plugin));
  });
  std::vector<std::string> frames;
  if (benchmark != root_first.end()) {
    for (auto frame = benchmark; frame != root_first.end(); ++frame)
      frames.push_back(folded_name(*frame));
    return frames;
  }
  if (std::any_of(root_first.begin(), root_first.end(), is_google_benchmark))
    return {"[Google Benchmark]"};
  // A whole path of the worker's (its entry point shows) that never entered Google Benchmark: the
  // profiler's switch itself.
  if (std::find(root_first.begin(), root_first.end(), "benchctl_worker_main") != root_first.end())
    return {"[outside the benchmark]"};
  frames.push_back("[truncated]");
  for (const std::string& frame : root_first)
    frames.push_back(folded_name(frame));
  return frames;
}

void StackCollector::add(const std::vector<std::string>& root_first, std::int64_t cost) {
  if (cost != 0)
    costs_[benchmark_frames(root_first, plugin_file_)] += cost;
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
      return *uncompressed_.insert(std::string(text)).first;
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
  std::unordered_set<std::string> uncompressed_;
};

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

// A C++ symbol as callgrind shows it, with its parameters ("f(int)"); anything else as it is.
std::string demangled(const std::string& symbol) {
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> name(
      abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status), &std::free);
  return status == 0 && name ? std::string(name.get()) : symbol;
}

}  // namespace

std::vector<store::ProfileStack> read_callgrind_stacks(const std::filesystem::path& file,
                                                       const std::string& plugin_file) {
  std::ifstream in(file);
  if (!in)
    throw Error(fmt::format("cannot read callgrind's output {}", file.string()));
  NameTable functions, objects;
  std::string object, callee_object;
  // Each context's object, to name the addresses of functions without a symbol by their file.
  std::unordered_map<std::string, std::string> object_of;
  // Each function context's self cost, made into a stack once every context's object is known.
  std::unordered_map<std::string, std::int64_t> costs;
  int positions = 1;
  bool seen_events = false;
  const std::string* current = nullptr;
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
        if (!after_calls && current != nullptr)
          costs[*current] += cost;
        after_calls = false;
        continue;
      }
      after_calls = false;
      if (line.starts_with("positions:")) {
        positions = static_cast<int>(util::split(util::trim(line.substr(10)), ' ').size());
      } else if (line.starts_with("events:")) {
        seen_events = true;
      } else if (line.starts_with("ob=")) {
        object = callee_object = objects.resolve(line.substr(3));
      } else if (line.starts_with("cob=")) {
        callee_object = objects.resolve(line.substr(4));
      } else if (line.starts_with("fn=")) {
        current = &functions.resolve(line.substr(3));
        object_of.try_emplace(*current, object);
        callee_object = object;
      } else if (line.starts_with("cfn=")) {
        object_of.try_emplace(functions.resolve(line.substr(4)), callee_object);
        callee_object = object;
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
  StackCollector collector(plugin_file);
  for (const auto& [context, cost] : costs) {
    // Leaf first; a frame's own context is the tail of the stack's from it ("frame'its
    // caller'...'root"), which names the object of an address without a symbol.
    std::vector<std::string> frames;
    for (std::size_t begin = 0; begin <= context.size();) {
      const std::size_t end = std::min(context.find('\'', begin), context.size());
      std::string frame = context.substr(begin, end - begin);
      if (frame.starts_with("0x")) {
        if (const auto found = object_of.find(context.substr(begin));
            found != object_of.end() && !found->second.empty()) {
          frame += " (" + std::filesystem::path(found->second).filename().string() + ")";
        }
      }
      frames.push_back(std::move(frame));
      begin = end + 1;
    }
    std::reverse(frames.begin(), frames.end());
    collector.add(frames, cost);
  }
  return collector.stacks();
}

std::vector<store::ProfileStack> read_perf_stacks(std::string_view script,
                                                  const std::string& plugin_file) {
  StackCollector collector(plugin_file);
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
      std::string name = demangled(frame.substr(0, dso));
      if (name == "[unknown]" && dso != std::string::npos) {
        std::string file = frame.substr(dso + 2);
        file.pop_back();  // ')'
        name = "[unknown] (" + std::filesystem::path(file).filename().string() + ")";
      }
      leaf_first.push_back(name);
    }
  }
  finish_sample();
  return collector.stacks();
}

}  // namespace benchctl::runner
