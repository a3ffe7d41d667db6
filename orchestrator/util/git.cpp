#include "util/git.h"

#include <fmt/format.h>

#include <sstream>

#include "util/error.h"
#include "util/subprocess.h"

namespace benchctl::util {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

}  // namespace

GitRepository::GitRepository(std::filesystem::path path) : path_(std::move(path)) {
  git({"rev-parse", "--git-dir"}, "not a git repository");
}

std::string GitRepository::git(const std::vector<std::string>& arguments,
                               const std::string& what) const {
  ChildSpec spec;
  spec.argv = {"git", "-C", path_.string()};
  spec.argv.insert(spec.argv.end(), arguments.begin(), arguments.end());
  spec.output_tail_bytes = 1 << 20;
  spec.timeout = std::chrono::minutes(5);
  const ChildExit exit = run_child(spec);
  if (!exit.succeeded()) {
    throw InputError(fmt::format("{}: {}: git {}", path_.string(), what,
                                 trimmed(last_lines(exit.output_tail, 1)).empty()
                                     ? exit.describe()
                                     : trimmed(last_lines(exit.output_tail, 1))));
  }
  return exit.output_tail;
}

std::optional<std::string> GitRepository::commit_of(const std::string& revision) const {
  try {
    return trimmed(git({"rev-parse", "--verify", "--quiet", revision + "^{commit}"}, revision));
  } catch (const InputError&) {
    return std::nullopt;
  }
}

std::vector<std::string> GitRepository::commits_between(const std::string& good,
                                                        const std::string& bad) const {
  std::istringstream lines(git({"rev-list", "--reverse", "--ancestry-path", good + ".." + bad},
                               fmt::format("the commits from {} to {}", good, bad)));
  std::vector<std::string> commits;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty())
      commits.push_back(line);
  }
  return commits;
}

std::string GitRepository::merge_base(const std::string& a, const std::string& b) const {
  return trimmed(git({"merge-base", a, b}, fmt::format("the merge-base of {} and {}", a, b)));
}

std::filesystem::path GitRepository::top_level() const {
  return trimmed(git({"rev-parse", "--show-toplevel"}, "its top directory"));
}

bool GitRepository::has_uncommitted_changes() const {
  return !trimmed(git({"status", "--porcelain", "--untracked-files=no"}, "its status")).empty();
}

std::string GitRepository::subject(const std::string& commit) const {
  return trimmed(git({"log", "-1", "--format=%s", commit}, "the subject of " + commit));
}

void GitRepository::add_worktree(const std::filesystem::path& path,
                                 const std::string& commit) const {
  git({"worktree", "add", "--detach", "--force", path.string(), commit}, "a worktree of " + commit);
}

void GitRepository::remove_worktree(const std::filesystem::path& path) const {
  git({"worktree", "remove", "--force", path.string()}, "removing the worktree " + path.string());
}

Worktree::Worktree(const GitRepository& repository, std::filesystem::path path,
                   const std::string& commit)
    : repository_(repository), path_(std::move(path)) {
  repository_.add_worktree(path_, commit);
}

Worktree::~Worktree() {
  try {
    repository_.remove_worktree(path_);
  } catch (const std::exception&) {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);  // git prunes what it no longer finds
  }
}

}  // namespace benchctl::util
