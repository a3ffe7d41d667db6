#include "workflow/commit_prober.h"

#include <fmt/format.h>

#include <regex>

#include "stats/summary.h"
#include "util/error.h"
#include "util/subprocess.h"

namespace benchctl::workflow {
namespace {

std::string short_commit(const std::string& commit) {
  return commit.substr(0, 12);
}

std::string last_line(const std::string& output) {
  std::string line = util::last_lines(output, 1);
  while (!line.empty() && line.back() == '\n')
    line.pop_back();
  return line;
}

// Removes the worktree however the probe ends.
class Worktree {
 public:
  Worktree(const util::GitRepository& repository, std::filesystem::path path,
           const std::string& commit)
      : repository_(repository), path_(std::move(path)) {
    repository_.add_worktree(path_, commit);
  }
  ~Worktree() {
    try {
      repository_.remove_worktree(path_);
    } catch (const std::exception&) {
      std::filesystem::remove_all(path_);  // git prunes what it no longer finds
    }
  }
  Worktree(const Worktree&) = delete;
  Worktree& operator=(const Worktree&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  const util::GitRepository& repository_;
  std::filesystem::path path_;
};

}  // namespace

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
              "bisect " + short_commit(commit),
              "--measure",
              setup_.instructions ? "instructions" : "time",
              "--fail-on",
              "none",
              "--output",
              (setup_.work / ("run-" + short_commit(commit) + ".json")).string()};
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
        fmt::format("benchctl run {}: {}", exit.describe(), last_line(exit.output_tail));
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
  const Worktree worktree(repository_, setup_.work / short_commit(commit), commit);
  util::ChildSpec build;
  build.argv = {"sh", "-c", "cd \"$0\" && " + setup_.build_command, worktree.path().string()};
  build.timeout = setup_.build_timeout;
  const util::ChildExit built = util::run_child(build);
  if (!built.succeeded()) {
    Probe probe;
    probe.commit = commit;
    probe.why_not = fmt::format("the build {}: {}", built.describe(), last_line(built.output_tail));
    return probe;
  }
  const std::filesystem::path plugins = worktree.path() / setup_.plugins;
  if (!std::filesystem::exists(plugins)) {
    Probe probe;
    probe.commit = commit;
    probe.why_not = fmt::format("the build left no {}", setup_.plugins.string());
    return probe;
  }
  return measure(commit, {plugins});
}

}  // namespace benchctl::workflow
