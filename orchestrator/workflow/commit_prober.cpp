#include "workflow/commit_prober.h"

#include <fmt/format.h>

#include <regex>

#include "stats/summary.h"
#include "util/error.h"
#include "util/subprocess.h"

namespace benchctl::workflow {
std::map<std::string, double> run_figures(const store::RunRecord& run, bool instructions) {
  std::map<std::string, double> figures;
  for (const store::ResultRecord& result : run.results) {
    if (result.status != store::ResultStatus::ok)
      continue;
    std::vector<double> medians;
    for (const store::ProcessRecord& process : result.processes) {
      if (instructions) {
        const std::vector<double> counts = store::instructions_per_iteration(process);
        if (!counts.empty())
          medians.push_back(stats::median(counts));
      } else if (const auto median = store::median_per_iteration(process, true)) {
        medians.push_back(*median);
      }
    }
    if (!medians.empty())
      figures[result.name] = stats::median(medians);
  }
  return figures;
}

Probe CommitProber::measure(const std::string& commit,
                            const std::vector<std::filesystem::path>& plugin_paths) {
  Probe probe;
  probe.commit = commit;
  util::ChildSpec run;
  run.argv = {util::current_executable().string(),
              "run",
              setup_.suite.string(),
              "--db",
              setup_.database,
              "--commit",
              commit,
              "--label",
              "bisect " + util::short_commit(commit),
              "--measure",
              setup_.instructions ? "instructions" : "time",
              "--fail-on",
              "none",
              "--output",
              (setup_.work / ("run-" + util::short_commit(commit) + ".json")).string()};
  for (const auto& path : plugin_paths)
    run.argv.insert(run.argv.end(), {"--plugin-path", path.string()});
  if (!setup_.filter.empty())
    run.argv.insert(run.argv.end(), {"--filter", setup_.filter});
  run.timeout = std::chrono::hours(2);
  run.output_tail_bytes = 1 << 16;
  const util::ChildExit exit = util::run_child(run);
  static const std::regex stored(R"(Stored as run (\d+) in )");
  std::smatch match;
  if (!std::regex_search(exit.output_tail, match, stored)) {
    probe.why_not =
        fmt::format("benchctl run {}: {}", exit.describe(), util::last_lines(exit.output_tail, 1));
    return probe;
  }
  probe.run_id = std::stoll(match[1]);
  probe.figures = run_figures(store_.load_run(probe.run_id), setup_.instructions);
  probe.measured = !probe.figures.empty();
  if (!probe.measured)
    probe.why_not = fmt::format("run {} measured no benchmark", probe.run_id);
  return probe;
}

Probe CommitProber::probe(const std::string& commit) {
  const util::Worktree worktree(repository_, setup_.work / util::short_commit(commit), commit);
  const BuiltPlugins built = build_checkout(worktree.path(), setup_.build);
  if (!built.built()) {
    Probe probe;
    probe.commit = commit;
    probe.why_not = built.why_not;
    return probe;
  }
  return measure(commit, {built.directory});
}

}  // namespace benchctl::workflow
