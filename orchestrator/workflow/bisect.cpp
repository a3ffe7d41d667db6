#include "workflow/bisect.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace benchctl::workflow {
namespace {

// Where a probe stands between the ends for a benchmark that moved: 0 at the good level, 1 at the
// bad one (in logs: changes are relative).
double position(double figure, double good, double bad) {
  return std::log(figure / good) / std::log(bad / good);
}

// At the new level: past the middle for any benchmark that moved.
bool at_new_level(const Probe& probe, const BisectResult& result) {
  return std::any_of(result.moved.begin(), result.moved.end(), [&](const std::string& name) {
    const auto found = probe.figures.find(name);
    return found != probe.figures.end() &&
           position(found->second, result.good_figures.at(name), result.bad_figures.at(name)) > 0.5;
  });
}

}  // namespace

BisectResult bisect(const std::vector<std::string>& commits, Prober& prober,
                    const std::map<std::string, Probe>& known, const BisectOptions& options) {
  if (commits.size() < 2)
    throw InputError("bisect: the bad commit must come after the good one");
  BisectResult result;
  // The probe of a commit: known, or built and measured (and kept in result.probes).
  auto measure = [&](const std::string& commit) -> Probe& {
    if (const auto found = known.find(commit); found != known.end()) {
      result.probes.push_back(found->second);
    } else {
      ++result.builds;
      result.probes.push_back(prober.probe(commit));
    }
    return result.probes.back();
  };
  for (const bool good : {true, false}) {
    const std::string& commit = good ? commits.front() : commits.back();
    Probe& end = measure(commit);
    end.new_level = !good;
    if (!end.measured) {
      throw InputError(fmt::format("bisect: the {} commit {} cannot be measured: {}",
                                   good ? "good" : "bad", commit.substr(0, 12), end.why_not));
    }
    (good ? result.good_figures : result.bad_figures) = end.figures;
  }
  for (const auto& [name, good] : result.good_figures) {
    const auto bad = result.bad_figures.find(name);
    if (bad != result.bad_figures.end() && good > 0 && bad->second > 0 &&
        std::abs(bad->second / good - 1) >= options.min_change)
      result.moved.push_back(name);
  }
  result.last_good = commits.front();
  result.culprit = commits.back();
  if (result.moved.empty()) {
    result.end = BisectEnd::no_change;
    return result;
  }

  // The first new-level commit lies in (good, bad]; commits that do not build are skipped.
  std::size_t good = 0, bad = commits.size() - 1;
  std::vector<bool> skipped(commits.size(), false);
  while (bad - good > 1) {
    // The untried commit nearest the middle.
    const std::size_t middle = (good + bad) / 2;
    std::optional<std::size_t> next;
    for (std::size_t distance = 0; !next && distance < bad - good; ++distance) {
      for (const std::size_t candidate : {middle + distance, middle - distance}) {
        if (candidate > good && candidate < bad && !skipped[candidate]) {
          next = candidate;
          break;
        }
      }
    }
    if (!next || result.builds >= options.max_builds)
      break;
    Probe& probe = measure(commits[*next]);
    if (!probe.measured) {
      skipped[*next] = true;
      continue;
    }
    probe.new_level = at_new_level(probe, result);
    (probe.new_level ? bad : good) = *next;
  }
  result.last_good = commits[good];
  result.culprit = commits[bad];
  result.first_candidate = commits[good + 1];
  result.end = bad - good == 1 ? BisectEnd::found : BisectEnd::range;
  return result;
}

}  // namespace benchctl::workflow
