#include "suite/resolver.h"

#include <fnmatch.h>

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <set>

#include "util/error.h"
#include "util/units.h"

namespace benchctl::suite {
namespace {

std::string refusals_hint(const plugin::PluginCatalog& catalog) {
  std::string hint;
  for (const auto& refused : catalog.refused) {
    hint += fmt::format("; refused {}: {}", refused.file.string(), refused.reason);
  }
  return hint;
}

void merge_budgets(std::vector<Budget>& into, const std::vector<Budget>& later) {
  for (const Budget& budget : later) {
    const auto same = std::find_if(into.begin(), into.end(), [&](const Budget& b) {
      return b.metric == budget.metric && b.counter == budget.counter;
    });
    if (same != into.end()) {
      *same = budget;
    } else {
      into.push_back(budget);
    }
  }
}

const plugin::PluginInfo& operation_plugin(const store::LoadSpec& load, const Entry& entry,
                                           const std::vector<plugin::PluginInfo>& plugins) {
  const std::string plugin_name = load.operation.substr(0, load.operation.find('/'));
  const auto info = std::find_if(plugins.begin(), plugins.end(), [&](const plugin::PluginInfo& p) {
    return p.name == plugin_name;
  });
  // The parser checked that the suite lists the plugin, and resolve() that it exists.
  const auto& operations = info->operations;
  if (std::find(operations.begin(), operations.end(), load.operation) == operations.end()) {
    std::string known;
    for (const std::string& name : operations)
      known += (known.empty() ? "" : ", ") + name;
    throw InputError(fmt::format(
        "{}: unknown operation '{}', expected one of plugin '{}''s operations: {}",
        entry.where.str(), load.operation, plugin_name,
        known.empty() ? "none (it registers none with benchctl::add_operation)" : known));
  }
  return *info;
}

// A load process runs for its warm-up, its duration and a drain second: its timeout must leave
// it that time, or every process would be killed.
void check_load_timeout(const Job& job, const std::vector<Entry>& entries) {
  const double needed = job.load->warmup + job.load->duration + 1;
  if (*job.settings.timeout > needed + 5)
    return;
  const auto entry = std::find_if(entries.rbegin(), entries.rend(),
                                  [&](const Entry& e) { return e.name == job.name; });
  throw InputError(fmt::format(
      "{}: load '{}' runs for {} (warm-up, duration and a second to drain) but its timeout is "
      "{}, expected 'timeout:' at least 5s longer than the run",
      entry->where.str(), job.name, util::format_duration(needed),
      util::format_duration(*job.settings.timeout)));
}

// The jobs of a suite in order of first mention: a later entry naming a job again overrides its
// settings, policy and budgets.
class JobList {
 public:
  explicit JobList(const Suite& suite) : suite_(suite) {}

  void add_or_override(Job job, const Entry& entry) {
    const auto found = index_of_.find(job.name);
    if (found == index_of_.end()) {
      job.settings = entry.settings.overlaid_on(suite_.defaults);
      // A load test is long and its seconds are its replicates: one process unless the entry
      // asks for more (the suite's `processes` default is about benchmarks).
      if (job.kind == EntryKind::load)
        job.settings.processes = entry.settings.processes.value_or(1);
      job.policy = entry.policy.overlaid_on(suite_.policy);
      job.budgets = entry.budgets;
      job.where = entry.where;
      index_of_[job.name] = jobs_.size();
      jobs_.push_back(std::move(job));
      return;
    }
    Job& existing = jobs_[found->second];
    if (existing.kind != job.kind) {
      throw InputError(fmt::format("{}: '{}' is already a {} entry, expected a unique name",
                                   entry.where.str(), job.name, to_string(existing.kind)));
    }
    existing.settings = entry.settings.overlaid_on(existing.settings);
    existing.policy = entry.policy.overlaid_on(existing.policy);
    if (job.load)  // a later scenario replaces the earlier one whole
      existing.load = job.load;
    merge_budgets(existing.budgets, entry.budgets);
  }

  // A relative budget needs its anchor measured in the same run.
  void check_relative_budgets() const {
    for (const Job& job : jobs_) {
      for (const Budget& budget : job.budgets) {
        if (budget.metric != BudgetMetric::max_ratio)
          continue;
        const auto anchor = index_of_.find(budget.to);
        if (anchor == index_of_.end() || budget.to == job.name ||
            jobs_[anchor->second].kind == EntryKind::file_size) {
          throw InputError(fmt::format(
              "{}: budget 'max_ratio' of '{}' is relative to '{}', expected another benchmark or "
              "command the suite measures",
              budget.where.str(), job.name, budget.to));
        }
      }
    }
  }

  const std::vector<Job>& jobs() const { return jobs_; }
  std::vector<Job> take() { return std::move(jobs_); }

 private:
  const Suite& suite_;
  std::vector<Job> jobs_;
  std::map<std::string, std::size_t> index_of_;
};

// The benchmarks of its plugin an entry names, by name or by glob pattern.
std::vector<Job> benchmark_jobs(const Entry& entry,
                                const std::vector<plugin::PluginInfo>& plugins) {
  const std::string plugin_name = entry.name.substr(0, entry.name.find('/'));
  const auto info = std::find_if(plugins.begin(), plugins.end(), [&](const plugin::PluginInfo& p) {
    return p.name == plugin_name;
  });
  std::vector<Job> jobs;
  for (const std::string& name : info->benchmarks) {
    const bool match = is_glob(entry.name) ? fnmatch(entry.name.c_str(), name.c_str(), 0) == 0
                                           : name == entry.name;
    if (!match)
      continue;
    Job& job = jobs.emplace_back();
    job.name = name;
    job.plugin = plugin_name;
    job.plugin_file = info->file;
  }
  if (jobs.empty()) {
    throw InputError(
        fmt::format("{}: {} '{}' matches none of plugin '{}''s {} benchmarks, expected "
                    "a name that `benchctl list benchmarks --plugin {}` shows",
                    entry.where.str(), is_glob(entry.name) ? "pattern" : "benchmark", entry.name,
                    plugin_name, info->benchmarks.size(), plugin_name));
  }
  return jobs;
}

// The jobs one entry makes: the benchmarks it matches, or its load test, command or file.
std::vector<Job> entry_jobs(const Entry& entry, const std::vector<plugin::PluginInfo>& plugins) {
  if (entry.kind == EntryKind::benchmark)
    return benchmark_jobs(entry, plugins);
  Job job;
  job.name = entry.name;
  job.kind = entry.kind;
  if (entry.kind == EntryKind::load) {
    job.load = entry.load;
    const plugin::PluginInfo& info = operation_plugin(*entry.load, entry, plugins);
    job.plugin = info.name;
    job.plugin_file = info.file;
  } else {
    job.command = entry.command;
    job.file = entry.file;
  }
  return {std::move(job)};
}

}  // namespace

bool is_glob(const std::string& pattern) {
  return pattern.find_first_of("*?[") != std::string::npos;
}

ResolvedSuite resolve(Suite suite, const plugin::PluginCatalog& catalog) {
  ResolvedSuite resolved;
  for (const PluginReference& reference : suite.plugins) {
    const plugin::PluginInfo* info = catalog.find(reference.name);
    if (info == nullptr) {
      throw InputError(fmt::format("{}: unknown plugin '{}', expected one of: {}{}",
                                   reference.where.str(), reference.name, catalog.names(),
                                   refusals_hint(catalog)));
    }
    resolved.plugins.push_back(*info);
  }
  JobList jobs(suite);
  for (const Entry& entry : suite.entries) {
    for (Job& job : entry_jobs(entry, resolved.plugins))
      jobs.add_or_override(std::move(job), entry);
  }
  for (const Job& job : jobs.jobs()) {
    if (job.kind == EntryKind::load)
      check_load_timeout(job, suite.entries);
  }
  jobs.check_relative_budgets();
  resolved.jobs = jobs.take();
  resolved.suite = std::move(suite);
  return resolved;
}

void override_measures(ResolvedSuite& resolved, const std::optional<Measures>& measures,
                       bool cache_simulation) {
  for (Job& job : resolved.jobs) {
    if (job.kind != EntryKind::benchmark)
      continue;
    if (measures)
      job.settings.measurement = *measures;
    if (cache_simulation)
      job.settings.cache_simulation = true;
  }
}

void check_counted_budgets(const ResolvedSuite& resolved) {
  for (const Job& job : resolved.jobs) {
    const Measures measures = job.settings.measures();
    for (const Budget& budget : job.budgets) {
      if (budget.metric == BudgetMetric::max_instructions && !measures.instructions) {
        throw InputError(fmt::format(
            "{}: budget 'max_instructions' of '{}' needs its instructions counted, expected "
            "'measure: instructions' (or [time, instructions]) on it, or --measure instructions",
            budget.where.str(), job.name));
      }
      if ((budget.metric == BudgetMetric::max_allocs ||
           budget.metric == BudgetMetric::max_alloc_bytes) &&
          !measures.allocations) {
        throw InputError(
            fmt::format("{}: budget '{}' of '{}' needs its allocations counted, expected 'measure: "
                        "allocations' (or [time, allocations]) on it, or --measure allocations",
                        budget.where.str(), to_string(budget.metric), job.name));
      }
    }
  }
}

bool measures_instructions(const ResolvedSuite& resolved) {
  return std::any_of(resolved.jobs.begin(), resolved.jobs.end(),
                     [](const Job& job) { return job.settings.measures().instructions; });
}

bool measures_allocations(const ResolvedSuite& resolved) {
  return std::any_of(resolved.jobs.begin(), resolved.jobs.end(),
                     [](const Job& job) { return job.settings.measures().allocations; });
}

void select_jobs(ResolvedSuite& resolved, const std::optional<std::string>& filter,
                 const std::optional<std::string>& plugin) {
  std::optional<std::regex> pattern;
  if (filter) {
    try {
      pattern.emplace(*filter, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw UsageError(
          fmt::format("--filter '{}' is not a valid regular expression: {}", *filter, e.what()));
    }
  }
  const std::size_t before = resolved.jobs.size();
  std::set<std::string> kept;
  for (const Job& job : resolved.jobs) {
    if ((plugin && job.plugin != *plugin) || (pattern && !std::regex_search(job.name, *pattern)))
      continue;
    kept.insert(job.name);
    for (const Budget& budget : job.budgets) {
      if (budget.metric == BudgetMetric::max_ratio)
        kept.insert(budget.to);  // measured too, or the budget could not be judged
    }
  }
  std::erase_if(resolved.jobs, [&](const Job& job) { return !kept.contains(job.name); });
  if (resolved.jobs.empty()) {
    throw UsageError(fmt::format("{}{}{} selects none of the suite's {} benchmarks",
                                 filter ? "--filter '" + *filter + "'" : "",
                                 filter && plugin ? " with " : "",
                                 plugin ? "--plugin '" + *plugin + "'" : "", before));
  }
}

}  // namespace benchctl::suite
