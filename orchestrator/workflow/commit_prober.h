// The Prober of `benchctl bisect` (workflow/bisect.h): a commit checked out in a git worktree,
// built there with the user's command, and its plugins measured by `benchctl run` into the
// database as a run with its commit; or a stored run's build measured again.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/git.h"
#include "workflow/bisect.h"
#include "workflow/checkout_build.h"

namespace benchctl::workflow {

struct ProbeSetup {
  CheckoutBuild build;          // run in each commit's worktree
  std::filesystem::path suite;  // the suite measured
  std::string filter;           // --filter of each run
  bool instructions = true;     // count instructions (else: time)
  std::string database;         // --db of each run
  std::filesystem::path work;   // where worktrees go
};

// Each benchmark's figure in a stored run: the median over its processes of instructions per
// iteration, or of CPU-time... per iteration when `instructions` is false.
std::map<std::string, double> run_figures(const store::RunRecord& run, bool instructions);

class CommitProber final : public Prober {
 public:
  CommitProber(const util::GitRepository& repository, ProbeSetup setup, store::Store& store)
      : repository_(repository), setup_(std::move(setup)), store_(store) {}

  // Worktree, build, run; the worktree is removed afterwards.
  Probe probe(const std::string& commit) override;
  // A run of `plugin_paths` (files or directories) stored with `commit`.
  Probe measure(const std::string& commit, const std::vector<std::filesystem::path>& plugin_paths);

 private:
  const util::GitRepository& repository_;
  ProbeSetup setup_;
  store::Store& store_;
};

}  // namespace benchctl::workflow
