// The few git commands benchctl runs on a user's repository, each a child process (util/
// subprocess.h). Failures throw InputError with git's own last line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace benchctl::util {

class GitRepository {
 public:
  // Throws InputError when `path` is not inside a git repository.
  explicit GitRepository(std::filesystem::path path);

  // The full hash `revision` names; nothing when it names no commit.
  std::optional<std::string> commit_of(const std::string& revision) const;
  // The commits after `good` up to `bad` on the path between them, oldest first (`bad` last).
  std::vector<std::string> commits_between(const std::string& good, const std::string& bad) const;
  // The first line of a commit's message.
  std::string subject(const std::string& commit) const;
  // Checks `commit` out, detached, into a new worktree at `path`; removes it again.
  void add_worktree(const std::filesystem::path& path, const std::string& commit) const;
  void remove_worktree(const std::filesystem::path& path) const;

 private:
  std::string git(const std::vector<std::string>& arguments, const std::string& what) const;
  std::filesystem::path path_;
};

}  // namespace benchctl::util
