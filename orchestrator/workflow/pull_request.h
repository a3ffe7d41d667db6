// benchctl ci: a change (the checkout's HEAD) measured against the merge-base of HEAD and a base
// branch. The base's run is the newest stored run of that commit on this machine when there is
// one; otherwise the merge-base is built in a git worktree with the user's command and measured,
// and that run is stored with its commit, so that the next change on the same base reuses it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/git.h"
#include "workflow/checkout_build.h"
#include "workflow/measuring.h"

namespace benchctl::workflow {

struct PullRequestSetup {
  std::string base_ref;    // what the user named: a branch, tag or commit
  std::string suite_name;  // which stored runs can stand for the base
  // Builds HEAD in the checkout and the merge-base in a worktree; without it, HEAD's plugins come
  // from the plugin path and the base must be stored.
  std::optional<CheckoutBuild> build;
  std::filesystem::path work;  // where the worktree goes
};

// Measures the suite with the plugins in `plugin_directories` (none: the plugin path as given)
// as a run of `commit` labelled `label`; returns the run's id.
using MeasureCommit =
    std::function<std::int64_t(const std::vector<std::filesystem::path>& plugin_directories,
                               const MeasuredCommit& commit, const std::string& label)>;

enum class BaseSource {
  stored,  // a run of the merge-base found in the store
  built,   // the merge-base built in a worktree and measured now
  head,    // HEAD is the merge-base, unchanged: its run is the base of later changes
};
std::string to_string(BaseSource source);

struct PullRequestRuns {
  std::string head;  // commits
  std::string base;
  BaseSource base_source = BaseSource::stored;
  std::int64_t base_run = 0;
  std::int64_t head_run = 0;
  bool uncommitted_changes = false;  // HEAD's checkout differs from HEAD
};

// The newest complete run of `suite` measured at `commit` (without uncommitted changes) in the
// series of `machine`.
std::optional<std::int64_t> newest_run_of_commit(store::Store& store, const std::string& suite,
                                                 const std::string& commit,
                                                 const store::SeriesKey& machine);

// Finds the merge-base and its run, builds and measures what is missing, and measures HEAD.
// Throws InputError for a base that names no commit or shares none with HEAD, for a base with no
// stored run when there is no build command, and for a build that fails.
PullRequestRuns measure_pull_request(const util::GitRepository& repository,
                                     const PullRequestSetup& setup, store::Store& store,
                                     const MeasureCommit& measure);

}  // namespace benchctl::workflow
