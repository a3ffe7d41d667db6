#include "report/pull_request_report.h"

#include <fmt/format.h>

#include "report/budget_report.h"
#include "report/comparison_report.h"
#include "util/git.h"
#include "util/sha256.h"

namespace benchctl::report {
namespace {

// GitHub's escapes of a workflow command's message, and of its properties, which also end at
// ':' and ','.
std::string command_data(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string command_property(const std::string& text) {
  std::string out;
  for (const char c : command_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string comment_marker(const std::string& suite) {
  return fmt::format("<!-- benchctl-ci suite={} -->", suite);
}

std::string render_pull_request_comment(const PullRequestHeading& heading,
                                        const analysis::RunComparison* comparison,
                                        const std::vector<analysis::BudgetJudgment>& budgets) {
  std::string out = comment_marker(heading.suite) + "\n";
  if (heading.base_source == "head") {
    out += fmt::format(
        "**benchctl ci** · suite `{}` · HEAD `{}` is the merge-base with `{}`: run {} is the base "
        "of the changes on top of it, nothing to compare\n\n",
        heading.suite, util::short_commit(heading.head), heading.base_ref, heading.head_run);
  } else {
    out += fmt::format(
        "**benchctl ci** · suite `{}` · HEAD `{}` (run {}) against the merge-base `{}` with `{}` "
        "(run {}, {})\n\n",
        heading.suite, util::short_commit(heading.head), heading.head_run,
        util::short_commit(heading.base), heading.base_ref, heading.base_run,
        heading.base_source == "built" ? "built in a worktree" : "stored");
  }
  if (heading.uncommitted_changes) {
    out += fmt::format(
        "> ⚠️ the checkout has uncommitted changes: run {} measured them, and no later change "
        "takes it as its base\n\n",
        heading.head_run);
  }
  if (comparison != nullptr)
    out += render_comparison(*comparison, Format::markdown, Style{}) + "\n";
  if (!budgets.empty())
    out += "### Budgets\n\n" + render_budgets(budgets, Format::markdown, Style{});
  return out;
}

int SuiteLines::line(const std::string& benchmark) const {
  const auto found = line_of.find(benchmark);
  return found == line_of.end() || found->second < 1 ? 1 : found->second;
}

std::string github_annotations(const std::vector<JunitCase>& cases, const SuiteLines& lines) {
  std::string out;
  for (const JunitCase& c : cases) {
    if (c.failure.empty())
      continue;
    const std::string benchmark = c.name.substr(0, c.name.find(' '));
    out += fmt::format("::error file={},line={},title={}::{}\n", command_property(lines.file),
                       lines.line(benchmark),
                       command_property(fmt::format("benchctl {}: {}", c.classname, c.name)),
                       command_data(c.failure));
  }
  return out;
}

nlohmann::json gitlab_code_quality(const std::vector<JunitCase>& cases, const SuiteLines& lines) {
  nlohmann::json issues = nlohmann::json::array();
  for (const JunitCase& c : cases) {
    if (c.failure.empty())
      continue;
    const std::string benchmark = c.name.substr(0, c.name.find(' '));
    issues.push_back(
        {{"description", fmt::format("benchctl {}: {}: {}", c.classname, c.name, c.failure)},
         {"check_name", "benchctl-" + c.classname},
         {"fingerprint", util::sha256_hex(lines.file + '\n' + c.classname + '\n' + c.name)},
         {"severity", c.classname == "run" ? "blocker" : "major"},
         {"location", {{"path", lines.file}, {"lines", {{"begin", lines.line(benchmark)}}}}}});
  }
  return issues;
}

}  // namespace benchctl::report
