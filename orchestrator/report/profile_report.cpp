#include "report/profile_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "util/units.h"

namespace benchctl::report {
namespace {

using analysis::BenchmarkProfile;
using analysis::ProfileDifference;
using store::ProfileRecord;

// A cost per iteration in the profile's event: instructions counted, or perf's nanoseconds.
std::string cost_text(double cost, const std::string& event) {
  if (event == "ns")
    return util::format_duration(cost * 1e-9);
  return util::format_count(cost) + " " + event;
}

std::string share(double part, double whole) {
  return whole > 0 ? util::format_percent(part / whole) : "-";
}

std::string signed_cost(double cost, const std::string& event) {
  return (cost >= 0 ? "+" : "-") + cost_text(std::abs(cost), event);
}

std::string raw(double value) {
  return fmt::format("{:.6g}", value);
}

std::string heading(const BenchmarkProfile& benchmark) {
  const ProfileRecord& b = benchmark.profile;
  if (!benchmark.against) {
    return fmt::format("{}: {} of {}, {} iterations, {} per iteration", b.benchmark, b.tool,
                       b.build, b.iterations, cost_text(analysis::cost_per_iteration(b), b.event));
  }
  const double before = analysis::cost_per_iteration(*benchmark.against);
  const double after = analysis::cost_per_iteration(b);
  return fmt::format("{}: {} against {}, {}: {} → {} per iteration ({}){}", b.benchmark, b.build,
                     benchmark.against->build, b.tool, cost_text(before, b.event),
                     cost_text(after, b.event), before > 0 ? signed_percent(after / before) : "new",
                     analysis::is_sampled(b) ? "; the other build's functions scaled to this one's "
                                               "total (sampled times move with the machine)"
                                             : "");
}

std::vector<std::string> notes(const BenchmarkProfile& benchmark) {
  std::vector<std::string> lines;
  for (const ProfileRecord* profile :
       {benchmark.against ? &*benchmark.against : nullptr, &benchmark.profile}) {
    if (profile != nullptr && !profile->note.empty() &&
        std::find(lines.begin(), lines.end(), profile->note) == lines.end()) {
      lines.push_back(profile->note);
    }
  }
  return lines;
}

nlohmann::json function_json(const analysis::FunctionCost& cost) {
  return {{"function", cost.function}, {"self", cost.self}, {"total", cost.total}};
}

nlohmann::json profile_json(const ProfileRecord& profile, std::size_t top) {
  nlohmann::json functions = nlohmann::json::array();
  for (const analysis::FunctionCost& cost : analysis::function_costs(profile)) {
    if (functions.size() == top)
      break;
    functions.push_back(function_json(cost));
  }
  nlohmann::json stacks = nlohmann::json::array();
  for (const store::ProfileStack& stack : profile.stacks)
    stacks.push_back({{"frames", stack.frames}, {"cost", stack.cost}});
  return {{"id", profile.id},
          {"run_id", profile.run_id ? nlohmann::json(*profile.run_id) : nlohmann::json()},
          {"benchmark", profile.benchmark},
          {"tool", profile.tool},
          {"event", profile.event},
          {"build", profile.build},
          {"created_at", profile.created_at},
          {"iterations", profile.iterations},
          {"note", profile.note},
          {"per_iteration", analysis::cost_per_iteration(profile)},
          {"functions", functions},
          {"stacks", stacks}};
}

}  // namespace

Table function_table(const ProfileRecord& profile, std::size_t top) {
  Table table;
  table.columns = {{"", "benchmark"},      {"Function", "function", kLeft, true},
                   {"Self", "", kRight},   {"", "self"},
                   {"Self %", "", kRight}, {"Total", "", kRight},
                   {"", "total"},          {"Total %", "", kRight}};
  const double whole = analysis::cost_per_iteration(profile);
  for (const analysis::FunctionCost& cost : analysis::function_costs(profile)) {
    if (table.rows.size() == top)
      break;
    table.add({csv_only(profile.benchmark), cost.function, cost_text(cost.self, profile.event),
               csv_only(raw(cost.self)), share(cost.self, whole),
               cost_text(cost.total, profile.event), csv_only(raw(cost.total)),
               share(cost.total, whole)});
  }
  return table;
}

Table change_table(const ProfileDifference& difference, std::size_t top) {
  Table table;
  table.columns = {{"", "benchmark"},
                   {"Function", "function", kLeft, true},
                   {"Self A", "self_a", kRight},
                   {"Self B", "self_b", kRight},
                   {"Added", "", kRight},
                   {"", "added_self"},
                   {"Of A", "", kRight},
                   {"Total added", "", kRight},
                   {"", "added_total"}};
  const std::string& event = difference.b.event;
  for (const analysis::FunctionChange& change : difference.changes) {
    if (table.rows.size() == top || change.added_self() <= 0)
      break;
    table.add({csv_only(difference.b.benchmark), change.function,
               Cell(cost_text(change.a.self, event), std::nullopt, raw(change.a.self)),
               Cell(cost_text(change.b.self, event), std::nullopt, raw(change.b.self)),
               signed_cost(change.added_self(), event), csv_only(raw(change.added_self())),
               share(change.added_self(), difference.a_per_iteration),
               signed_cost(change.added_total(), event), csv_only(raw(change.added_total()))});
  }
  return table;
}

nlohmann::json profiles_json(const std::vector<BenchmarkProfile>& profiles, std::size_t top) {
  nlohmann::json list = nlohmann::json::array();
  for (const BenchmarkProfile& benchmark : profiles) {
    nlohmann::json entry = profile_json(benchmark.profile, top);
    if (benchmark.against) {
      entry["against"] = profile_json(*benchmark.against, top);
      nlohmann::json changes = nlohmann::json::array();
      const ProfileDifference difference =
          analysis::difference(*benchmark.against, benchmark.profile);
      entry["a_scale"] = difference.a_scale;
      for (const analysis::FunctionChange& change : difference.changes) {
        if (changes.size() == top || change.added_self() <= 0)
          break;
        changes.push_back({{"function", change.function},
                           {"self_a", change.a.self},
                           {"self_b", change.b.self},
                           {"total_a", change.a.total},
                           {"total_b", change.b.total}});
      }
      entry["changes"] = changes;
    }
    list.push_back(std::move(entry));
  }
  return {{"schema", "benchctl.profiles/1"}, {"profiles", list}};
}

std::string render_profiles(const std::vector<BenchmarkProfile>& profiles, Format format,
                            std::size_t top) {
  if (format == Format::json)
    return profiles_json(profiles, top).dump(2) + "\n";
  std::vector<Table> tables;
  for (const BenchmarkProfile& benchmark : profiles) {
    tables.push_back(
        benchmark.against
            ? change_table(analysis::difference(*benchmark.against, benchmark.profile), top)
            : function_table(benchmark.profile, top));
  }
  if (format == Format::csv) {
    // One table per kind (profiles alone, profiles against another build), header once.
    std::map<bool, Table> merged;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      Table& into =
          merged.try_emplace(profiles[i].against.has_value(), Table{tables[i].columns, {}})
              .first->second;
      for (auto& row : tables[i].rows)
        into.add(row);
    }
    std::string text;
    for (const auto& [against, table] : merged)
      text += (text.empty() ? "" : "\n") + render_csv(table);
    return text;
  }
  std::string text;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const BenchmarkProfile& benchmark = profiles[i];
    if (i > 0)
      text += "\n";
    if (format == Format::markdown) {
      text += "### " + markdown_cell(heading(benchmark)) + "\n\n";
      for (const std::string& note : notes(benchmark))
        text += "> " + markdown_cell(note) + "\n\n";
    } else {
      text += heading(benchmark) + "\n";
      for (const std::string& note : notes(benchmark))
        text += "  note: " + note + "\n";
    }
    if (tables[i].rows.empty()) {
      text += benchmark.against ? "  no function costs more in this build\n"
                                : "  no cost was collected\n";
      continue;
    }
    text += render(tables[i], format);
  }
  return text;
}

std::string callgrind_text(const ProfileRecord& profile) {
  std::map<std::string, std::int64_t> self;
  std::map<std::string, std::map<std::string, std::int64_t>> calls;  // caller → callee → cost
  std::int64_t total = 0;
  for (const store::ProfileStack& stack : profile.stacks) {
    if (stack.frames.empty())
      continue;
    total += stack.cost;
    self[stack.frames.back()] += stack.cost;
    std::set<std::pair<std::string_view, std::string_view>> counted;
    for (std::size_t i = 0; i + 1 < stack.frames.size(); ++i) {
      if (counted.emplace(stack.frames[i], stack.frames[i + 1]).second)
        calls[stack.frames[i]][stack.frames[i + 1]] += stack.cost;
    }
    for (const std::string& frame : stack.frames)
      self.try_emplace(frame, 0);
  }
  // Names compressed: "(id) name" the first time, "(id)" after.
  std::map<std::string, int> ids;
  auto name = [&](const std::string& function) {
    const auto [found, added] = ids.try_emplace(function, static_cast<int>(ids.size()) + 1);
    return added ? fmt::format("({}) {}", found->second, function)
                 : fmt::format("({})", found->second);
  };
  std::string text = fmt::format(
      "# callgrind format\nversion: 1\ncreator: benchctl profile ({})\ncmd: {}\npart: 1\n"
      "desc: Iterations: {}\npositions: line\nevents: {}\nsummary: {}\n\nfl=(1) ???\n",
      profile.tool, profile.benchmark, profile.iterations, profile.event, total);
  for (const auto& [function, cost] : self) {
    text += fmt::format("\nfn={}\n0 {}\n", name(function), cost);
    if (const auto callees = calls.find(function); callees != calls.end()) {
      // Profiles count no calls: each call edge says 1.
      for (const auto& [callee, inclusive] : callees->second)
        text += fmt::format("cfn={}\ncalls=1 0\n0 {}\n", name(callee), inclusive);
    }
  }
  return text;
}

}  // namespace benchctl::report
