#include "workflow/pull_request.h"

#include <fmt/format.h>

#include <iostream>
#include <limits>

#include "runner/environment.h"
#include "util/enum_names.h"
#include "util/error.h"
#include "util/process_info.h"

namespace benchctl::workflow {
namespace {

constexpr util::EnumNames<BaseSource, 3> kBaseSourceNames{
    {{BaseSource::stored, "stored"}, {BaseSource::built, "built"}, {BaseSource::head, "head"}}};

std::filesystem::path built_or_fail(const std::filesystem::path& checkout,
                                    const CheckoutBuild& build, const std::string& what) {
  std::cerr << fmt::format("Building {} ({})\n", what, build.command);
  const BuiltPlugins built = build_checkout(checkout, build);
  if (!built.built())
    throw InputError(fmt::format("ci: {}: {}", what, built.why_not));
  return built.directory;
}

}  // namespace

std::string to_string(BaseSource source) {
  return util::name_of(kBaseSourceNames, source);
}

std::optional<std::int64_t> newest_run_of_commit(store::Store& store, const std::string& suite,
                                                 const std::string& commit,
                                                 const store::SeriesKey& machine) {
  for (const store::RunRecord& run : store.list_runs(std::numeric_limits<int>::max())) {
    const store::Environment& environment = run.environment;
    if (run.status == store::RunStatus::complete && run.suite_name == suite &&
        environment.git_commit.value_or("") == commit && !environment.dirty() &&
        environment.series().host == machine.host &&
        environment.series().cpu_model == machine.cpu_model) {
      return run.id;  // runs come newest first
    }
  }
  return std::nullopt;
}

PullRequestRuns measure_pull_request(const util::GitRepository& repository,
                                     const PullRequestSetup& setup, store::Store& store,
                                     const MeasureCommit& measure) {
  PullRequestRuns runs;
  const auto head = repository.commit_of("HEAD");
  if (!head)
    throw InputError(fmt::format("ci: {} has no commit yet", repository.path().string()));
  const auto base_tip = repository.commit_of(setup.base_ref);
  if (!base_tip) {
    throw InputError(fmt::format("ci --base '{}': no such branch, tag or commit in {}",
                                 setup.base_ref, repository.path().string()));
  }
  runs.head = *head;
  runs.base = repository.merge_base(*head, *base_tip);
  runs.uncommitted_changes = repository.has_uncommitted_changes();
  const std::string base_name = fmt::format("the merge-base {} of HEAD and {}",
                                            util::short_commit(runs.base), setup.base_ref);

  if (runs.head == runs.base && !runs.uncommitted_changes) {
    runs.base_source = BaseSource::head;
  } else if (const auto stored = newest_run_of_commit(store, setup.suite_name, runs.base,
                                                      runner::this_machine_series())) {
    runs.base_source = BaseSource::stored;
    runs.base_run = *stored;
    std::cerr << fmt::format("Base: {}, run {} (stored)\n", base_name, *stored);
  } else if (!setup.build) {
    throw InputError(fmt::format(
        "ci: no stored run of suite {} at {} on this machine; expected --build CMD and --plugins "
        "DIR to build it",
        setup.suite_name, base_name));
  } else {
    runs.base_source = BaseSource::built;
    const util::Worktree worktree(repository, setup.work / util::short_commit(runs.base),
                                  runs.base);
    const std::filesystem::path plugins = built_or_fail(worktree.path(), *setup.build, base_name);
    runs.base_run =
        measure({plugins}, {runs.base, false}, "ci base " + util::short_commit(runs.base));
  }

  std::vector<std::filesystem::path> head_plugins;
  if (setup.build) {
    head_plugins.push_back(built_or_fail(repository.top_level(), *setup.build,
                                         "HEAD " + util::short_commit(runs.head)));
  }
  runs.head_run = measure(head_plugins, {runs.head, runs.uncommitted_changes},
                          "ci head " + util::short_commit(runs.head));
  if (runs.base_source == BaseSource::head)
    runs.base_run = runs.head_run;
  return runs;
}

}  // namespace benchctl::workflow
