// benchctl ci SUITE --base REF: a pull request's change measured against its merge-base with REF
// (workflow/pull_request.h), settled by pairs of the two builds, reported where CI looks (the
// comment's Markdown, the job summary, annotations) and gated as compare gates.
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "analysis/analysed_run.h"
#include "analysis/budgets.h"
#include "analysis/stored_comparison.h"
#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/gate.h"
#include "cli/report_output.h"
#include "report/pull_request_report.h"
#include "util/error.h"
#include "util/git.h"
#include "util/subprocess.h"
#include "util/temporary_directory.h"
#include "workflow/pull_request.h"
#include "workflow/settle.h"

namespace benchctl::cli {
namespace {

enum class Annotations { github, none };

// Annotations share stdout with the report: not with one a program reads (json, csv, html).
Annotations parse_annotations(const std::string& text, const ReportOptions& report) {
  const bool stdout_is_data =
      report.output.empty() && report.format != "table" && report.format != "markdown";
  if (text == "github") {
    if (stdout_is_data) {
      throw UsageError(fmt::format(
          "ci --annotations github: they go to stdout, expected --output FILE for the {} report",
          report.format));
    }
    return Annotations::github;
  }
  if (text == "none")
    return Annotations::none;
  if (text == "auto") {
    const char* actions = std::getenv("GITHUB_ACTIONS");
    return actions != nullptr && std::string(actions) == "true" && !stdout_is_data
               ? Annotations::github
               : Annotations::none;
  }
  throw UsageError(fmt::format("ci --annotations '{}': expected auto, github or none", text));
}

// Appends to GitHub's job summary file when the job has one.
void append_step_summary(const std::string& markdown) {
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (path == nullptr || *path == '\0')
    return;
  std::ofstream summary(path, std::ios::app);
  summary << markdown << "\n";
  if (!summary)
    throw InputError(fmt::format("GITHUB_STEP_SUMMARY {}: cannot append to it", path));
}

// The verb's options, checked.
struct CiOptions {
  CommonOptions common;
  ReportOptions report;
  std::string suite_file, base_ref, build, plugins, repo = ".", filter, measure, comment,
                                                    codequality;
  Annotations annotations = Annotations::none;
  workflow::Resolve resolve = workflow::Resolve::automatic;
};

// Nothing when --help was asked for.
std::optional<CiOptions> parse_ci_options(const Args& args) {
  CiOptions o;
  std::string resolve = "auto", annotations = "auto";
  po::options_description options("ci options");
  options.add_options()("suite", po::value(&o.suite_file)->required(), "the suite file")(
      "base", po::value(&o.base_ref)->value_name("REF"),
      "the branch the change goes into (origin/main): its merge-base with HEAD is the baseline")(
      "build", po::value(&o.build)->value_name("CMD"),
      "builds a checkout (sh -c, in its top directory): HEAD's here, the merge-base's in a git "
      "worktree when no stored run of it on this machine stands for it")(
      "plugins", po::value(&o.plugins)->value_name("DIR"),
      "with --build: where the build leaves the plugin files, relative to the checkout")(
      "repo", po::value(&o.repo)->value_name("PATH"), "the git checkout (default: .)")(
      "filter", po::value(&o.filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "measure", po::value(&o.measure)->value_name("WHAT"),
      "time, instructions, allocations or a list of them, for every benchmark (as run "
      "--measure)")(
      "resolve", po::value(&resolve)->value_name("auto|always|never"),
      "settle what the two runs leave undecided by pairs of the two builds (as compare "
      "--resolve; default auto)")(
      "comment", po::value(&o.comment)->value_name("FILE"),
      "write the pull request comment's Markdown to FILE (its first line a hidden marker)")(
      "annotations", po::value(&annotations)->value_name("auto|github|none"),
      "::error lines for the failed gates on stdout, after the report (auto: github inside "
      "GitHub Actions, unless a json, csv or html report goes to stdout)")(
      "codequality", po::value(&o.codequality)->value_name("FILE"),
      "write GitLab's Code Quality report of the failed gates to FILE");
  add_db_option(options, o.common);
  add_report_options(options, o.report);
  add_plugin_path_option(options, o.common);
  po::variables_map values;
  if (!parse_arguments("ci", "SUITE", args, options, {{"suite", 1}}, values))
    return std::nullopt;
  check_report_options(o.report);
  if (o.base_ref.empty())
    throw UsageError("ci: --base REF is required (the branch the change goes into)");
  if (o.build.empty() != o.plugins.empty())
    throw UsageError("ci: --build CMD and --plugins DIR go together");
  if (std::filesystem::path(o.plugins).is_absolute()) {
    throw UsageError(
        fmt::format("ci --plugins {}: expected a path relative to the checkout", o.plugins));
  }
  o.annotations = parse_annotations(annotations, o.report);
  o.resolve = workflow::parse_resolve(resolve, "ci --resolve");
  parse_filter(o.filter);
  return o;
}

// The suite with a build's plugin directories searched first, as the options select it.
suite::ResolvedSuite resolve_with(const CiOptions& o,
                                  const std::vector<std::filesystem::path>& directories) {
  CommonOptions with_build = o.common;
  for (auto directory = directories.rbegin(); directory != directories.rend(); ++directory)
    with_build.plugin_paths.insert(with_build.plugin_paths.begin(), directory->string());
  suite::ResolvedSuite resolved = load_and_resolve(o.suite_file, with_build);
  suite::select_jobs(resolved, o.filter.empty() ? std::nullopt : std::optional(o.filter),
                     std::nullopt);
  apply_measure_options(resolved, o.measure, false);
  return resolved;
}

// The comment, the job summary, the annotations and the Code Quality report.
void deliver(const CiOptions& o, const workflow::PullRequestRuns& runs,
             const analysis::AnalysedRun& analysed, const analysis::RunComparison* compared,
             const report::SuiteLines& lines) {
  const store::RunRecord& head = analysed.run;
  const std::vector<analysis::BudgetJudgment>& budgets = analysed.budgets;
  const report::PullRequestHeading heading{head.suite_name,
                                           o.base_ref,
                                           runs.head,
                                           runs.base,
                                           runs.head_run,
                                           runs.base_run,
                                           workflow::to_string(runs.base_source),
                                           runs.uncommitted_changes};
  const std::string markdown = report::render_pull_request_comment(heading, compared, budgets);
  if (!o.comment.empty())
    report::write_file(o.comment, markdown);
  append_step_summary(markdown);
  const std::vector<report::JunitCase> cases =
      junit_cases(parse_gates(o.report.fail_on), &head, compared, budgets);
  if (o.annotations == Annotations::github)
    std::cout << report::github_annotations(cases, lines) << std::flush;
  if (!o.codequality.empty())
    report::write_file(o.codequality, report::gitlab_code_quality(cases, lines).dump(2) + "\n");
}

}  // namespace

int ci_verb(const Args& args) {
  const std::optional<CiOptions> parsed = parse_ci_options(args);
  if (!parsed)
    return kExitOk;
  const CiOptions& o = *parsed;
  // The suite and the options are checked before anything is built or measured; against the
  // plugins too when they are not built here.
  suite::ResolvedSuite checked;
  if (o.build.empty()) {
    checked = resolve_with(o, {});
  } else {
    checked.suite = load_suite_file(o.suite_file);
    apply_measure_options(checked, o.measure, false);
  }

  const util::GitRepository repository(o.repo);
  auto store = open_store_for_writing(o.common);
  const std::string database = database_path(o.common).string();
  const util::TemporaryDirectory work(fmt::format("benchctl-ci-{}", ::getpid()));
  workflow::PullRequestSetup setup;
  setup.base_ref = o.base_ref;
  setup.suite_name = checked.suite.name;
  if (!o.build.empty())
    setup.build = workflow::CheckoutBuild{o.build, o.plugins};
  setup.work = work.path();
  report::SuiteLines lines;
  lines.file =
      std::filesystem::proximate(std::filesystem::absolute(o.suite_file), repository.top_level())
          .string();
  util::install_interrupt_handlers();
  const workflow::PullRequestRuns runs = workflow::measure_pull_request(
      repository, setup, *store,
      [&](const std::vector<std::filesystem::path>& directories,
          const workflow::MeasuredCommit& commit, const std::string& label) {
        const suite::ResolvedSuite resolved = resolve_with(o, directories);
        for (const suite::Job& job : resolved.jobs)
          lines.line_of[job.name] = job.where.line;
        return workflow::measure_suite(resolved, *store, database, {label, commit, {}, {}}).run_id;
      });

  const store::RunRecord head = store->load_run(runs.head_run);
  std::optional<analysis::RunComparison> comparison;
  if (runs.base_source != workflow::BaseSource::head) {
    comparison = analysis::compare_stored(
        *store, {{runs.base_run}, "merge-base " + util::short_commit(runs.base)},
        {{runs.head_run}, "HEAD " + util::short_commit(runs.head)}, parse_filter(o.filter));
    workflow::SettleRequest settling;
    settling.resolve = o.resolve;
    settling.benchmarks = workflow::benchmarks_to_settle(
        *comparison, o.resolve, parse_gates(o.report.fail_on).on_verdicts());
    settling.database = database;
    workflow::settle_by_pairs(*comparison, runs.base_run, runs.head_run, *store, settling);
  }
  const analysis::RunComparison* compared = comparison ? &*comparison : nullptr;
  const analysis::AnalysedRun analysed = analysis::analyse_run(head);
  const int exit = emit_report(&analysed, compared, o.report, database_path(o.common));
  deliver(o, runs, analysed, compared, lines);
  return exit;
}

}  // namespace benchctl::cli
