// What `benchctl ci` leaves where a team looks at a pull request: the Markdown of one comment
// (a hidden marker line first, so that a bot finds and updates the same comment), GitHub Actions'
// `::error` annotations and GitLab's Code Quality report of the gates that failed.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/budgets.h"
#include "analysis/comparison.h"
#include "report/junit.h"

namespace benchctl::report {

struct PullRequestHeading {
  std::string suite;
  std::string base_ref;  // as the user named it: origin/main
  std::string head;      // commits, full
  std::string base;
  std::int64_t head_run = 0;
  std::int64_t base_run = 0;
  std::string base_source;  // stored, built or head (workflow::BaseSource)
  bool uncommitted_changes = false;
};

// "<!-- benchctl-ci suite=NAME -->": one comment per suite.
std::string comment_marker(const std::string& suite);

// The comment: the marker, what was compared with what, the comparison (none when HEAD is the
// merge-base) and the budgets as Markdown.
std::string render_pull_request_comment(const PullRequestHeading& heading,
                                        const analysis::RunComparison* comparison,
                                        const std::vector<analysis::BudgetJudgment>& budgets);

// Where a benchmark is written: the suite file (relative to the repository) and each entry's line.
struct SuiteLines {
  std::string file;
  std::map<std::string, int> line_of;  // by benchmark name; 1 where unknown
  int line(const std::string& benchmark) const;
};

// One `::error file=...,line=...,title=...::message` line per failed case (GitHub Actions'
// workflow commands, with their escapes).
std::string github_annotations(const std::vector<JunitCase>& cases, const SuiteLines& lines);

// GitLab's Code Quality report: one issue per failed case, fingerprinted by what failed, so that
// the merge request shows the ones a change introduced.
nlohmann::json gitlab_code_quality(const std::vector<JunitCase>& cases, const SuiteLines& lines);

}  // namespace benchctl::report
