// The few git commands benchctl runs on a user's repository, each a child process (util/
// subprocess.h). Failures throw InputError with git's own last line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace benchctl::util {

// A commit as reports name it: its first 12 hex digits.
inline std::string short_commit(const std::string& commit) {
  return commit.substr(0, 12);
}

class GitRepository {
 public:
  // Throws InputError when `path` is not inside a git repository.
  explicit GitRepository(std::filesystem::path path);

  // The full hash `revision` names; nothing when it names no commit.
  std::optional<std::string> commit_of(const std::string& revision) const;
  // The commits after `good` up to `bad` on the path between them, oldest first (`bad` last).
  std::vector<std::string> commits_between(const std::string& good, const std::string& bad) const;
  // The best common ancestor of two commits; InputError when they have none.
  std::string merge_base(const std::string& a, const std::string& b) const;
  // The first line of a commit's message.
  std::string subject(const std::string& commit) const;
  // The checkout's top directory.
  std::filesystem::path top_level() const;
  // Whether tracked files differ from HEAD (untracked files do not count).
  bool has_uncommitted_changes() const;
  const std::filesystem::path& path() const { return path_; }
  // Checks `commit` out, detached, into a new worktree at `path`; removes it again.
  void add_worktree(const std::filesystem::path& path, const std::string& commit) const;
  void remove_worktree(const std::filesystem::path& path) const;

 private:
  std::string git(const std::vector<std::string>& arguments, const std::string& what) const;
  std::filesystem::path path_;
};

// A commit checked out, detached, in a worktree of its own, removed however its user ends.
class Worktree {
 public:
  Worktree(const GitRepository& repository, std::filesystem::path path, const std::string& commit);
  ~Worktree();
  Worktree(const Worktree&) = delete;
  Worktree& operator=(const Worktree&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  const GitRepository& repository_;
  std::filesystem::path path_;
};

}  // namespace benchctl::util
