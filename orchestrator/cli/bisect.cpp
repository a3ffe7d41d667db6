// benchctl bisect GOOD BAD --build CMD --plugins DIR: the first commit at which a benchmark moved
// (workflow/bisect.h), confirmed by a paired A/B of it against its parent.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/bisect_report.h"
#include "util/error.h"
#include "util/git.h"
#include "util/subprocess.h"
#include "util/temporary_directory.h"
#include "workflow/commit_prober.h"
#include "workflow/stored_build.h"

namespace benchctl::cli {
namespace {

// One end of the search: a stored run (its commit, and its build when it kept one) or a commit.
struct End {
  std::string commit;
  std::optional<store::RunRecord> run;
};

End resolve_end(const std::string& text, const char* which, store::Store& store,
                const util::GitRepository& repository, const std::string& repo) {
  // Digits name a stored run when there is one (a short hash may be digits too).
  std::optional<store::RunRecord> stored;
  if (!text.empty() && text.size() < 19 &&
      text.find_first_not_of("0123456789") == std::string::npos) {
    try {
      stored = store.load_run(std::stoll(text), {});
    } catch (const InputError&) {
    }
  }
  if (stored) {
    store::RunRecord run = std::move(*stored);
    const std::string commit = run.environment.git_commit.value_or("");
    if (commit.empty())
      throw InputError(fmt::format("bisect {} {}: run {} has no commit (run --commit SHA)", which,
                                   text, run.id));
    if (!repository.commit_of(commit))
      throw InputError(fmt::format("bisect {} {}: run {}'s commit {} is not in {}", which, text,
                                   run.id, commit.substr(0, 12), repo));
    return {commit, std::move(run)};
  }
  if (const auto commit = repository.commit_of(text))
    return {*commit, std::nullopt};
  throw InputError(
      fmt::format("bisect {} '{}': neither a stored run nor a commit of {}", which, text, repo));
}

std::string escaped(const std::string& name) {
  static const std::string special = R"(\^$.|?*+()[]{})";
  std::string out;
  for (const char c : name) {
    if (special.find(c) != std::string::npos)
      out += '\\';
    out += c;
  }
  return out;
}

// The paired A/B of the culprit's run against its parent's, on the benchmarks that moved.
void confirm(report::BisectReport& report, const std::filesystem::path& suite,
             const std::string& database) {
  const workflow::BisectResult& r = report.result;
  auto run_of = [&](const std::string& commit) -> std::int64_t {
    for (const workflow::Probe& p : r.probes) {
      if (p.commit == commit && p.measured)
        return p.run_id;
    }
    return 0;
  };
  const std::int64_t parent = run_of(r.last_good), culprit = run_of(r.culprit);
  if (parent == 0 || culprit == 0) {
    report.not_confirmed = "a side has no stored run";
    return;
  }
  std::string filter;
  for (const std::string& name : r.moved)
    filter += (filter.empty() ? "^(" : "|") + escaped(name);
  util::ChildSpec ab;
  ab.argv = {util::current_executable().string(), "ab", suite.string(), "--a",
             std::to_string(parent), "--b", std::to_string(culprit), "--filter", filter + ")$",
             "--format", "json", "--fail-on", "none",
             // Enough pairs that a change of a few percent shows outside its interval even when
             // the verdict calls it small.
             "--min-pairs", "100", "--db", database};
  ab.timeout = std::chrono::hours(2);
  ab.output_tail_bytes = 1 << 22;
  const util::ChildExit exit = util::run_child(ab);
  const auto begin = exit.output_tail.find('{');
  nlohmann::json json;
  if (begin != std::string::npos)
    json = nlohmann::json::parse(exit.output_tail.substr(begin), nullptr, false);
  if (!exit.succeeded() || !json.is_object() || !json.contains("benchmarks")) {
    report.not_confirmed =
        fmt::format("benchctl ab {}: {}", exit.describe(), util::last_lines(exit.output_tail, 1));
    return;
  }
  for (const nlohmann::json& b : json["benchmarks"]) {
    if (!b.contains("verdict"))
      continue;
    report::ConfirmedChange change{b.value("name", ""), b.value("verdict", ""),
                                   b.value("ratio", 1.0), b["interval"][0].get<double>(),
                                   b["interval"][1].get<double>()};
    const auto good = r.good_figures.find(change.benchmark);
    const auto bad = r.bad_figures.find(change.benchmark);
    if (good != r.good_figures.end() && bad != r.bad_figures.end())
      change.confirmed = bad->second > good->second ? change.low > 1 : change.high < 1;
    report.confirmed.push_back(change);
  }
}

// The verb's options, checked.
struct BisectCommand {
  CommonOptions common;
  std::string good_text, bad_text, build, plugins, repo = ".", suite, filter,
                                                   measure = "instructions";
  OutputOptions output;
  std::optional<std::int64_t> alert_id;
  int max_builds = 16;
  report::Format format = report::Format::table;
};

// Nothing when --help was asked for.
std::optional<BisectCommand> parse_bisect_options(const Args& args) {
  BisectCommand o;
  std::int64_t alert_id = 0;
  po::options_description options("bisect options");
  options.add_options()("good", po::value(&o.good_text), "a stored run with a commit, or a commit")(
      "bad", po::value(&o.bad_text), "as GOOD, later")(
      "alert", po::value(&alert_id)->value_name("ID"),
      "instead of GOOD BAD: an alert's commit range and benchmarks")(
      "build", po::value(&o.build)->value_name("CMD"),
      "builds the checked-out commit (sh -c, in its worktree)")(
      "plugins", po::value(&o.plugins)->value_name("DIR"),
      "where the build leaves the plugin files, relative to the worktree")(
      "repo", po::value(&o.repo)->value_name("PATH"), "the git repository (default: .)")(
      "suite", po::value(&o.suite)->value_name("FILE"),
      "the suite to measure (default: the bad run's suite file)")(
      "filter", po::value(&o.filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "max-builds", po::value(&o.max_builds)->value_name("N"), "builds at most (default 16)")(
      "measure", po::value(&o.measure)->value_name("WHAT"),
      "instructions (default: exact, under callgrind) or time");
  add_output_options(options, o.output, false);
  add_db_option(options, o.common);
  po::variables_map values;
  if (!parse_arguments("bisect", "[GOOD BAD]", args, options, {{"good", 1}, {"bad", 1}}, values))
    return std::nullopt;
  o.format = o.output.parsed_format();
  if (values.count("alert"))
    o.alert_id = alert_id;
  if (o.alert_id ? !o.good_text.empty() || !o.bad_text.empty()
                 : o.good_text.empty() || o.bad_text.empty())
    throw UsageError("bisect: give GOOD and BAD, or --alert ID");
  if (o.build.empty() || o.plugins.empty())
    throw UsageError("bisect: --build CMD and --plugins DIR are required");
  if (o.max_builds < 1)
    throw UsageError(fmt::format("bisect --max-builds {}: expected at least 1", o.max_builds));
  if (o.measure != "instructions" && o.measure != "time")
    throw UsageError(
        fmt::format("bisect --measure '{}': expected instructions or time", o.measure));
  if (!o.filter.empty())
    parse_filter(o.filter);
  return o;
}

// With --alert: its commit range, and its benchmarks unless --filter chose.
void take_alert_range(BisectCommand& o, store::Store& store) {
  store::AlertQuery query;
  query.id = o.alert_id;
  const auto alerts = store.list_alerts(query);
  if (alerts.empty())
    throw InputError(fmt::format("bisect --alert {}: no such alert in {}", *o.alert_id,
                                 database_path(o.common).string()));
  o.good_text = alerts[0].commit_before;
  o.bad_text = alerts[0].commit_after;
  if (o.filter.empty()) {
    for (const store::AlertChange& change : alerts[0].changes)
      o.filter += (o.filter.empty() ? "^(" : "|") + escaped(change.benchmark);
    o.filter += ")$";
  }
}

// GOOD's commit, then every commit after it up to BAD's.
std::vector<std::string> commits_to_search(const End& good, const End& bad,
                                           const util::GitRepository& repository,
                                           const std::string& repo) {
  std::vector<std::string> commits = repository.commits_between(good.commit, bad.commit);
  if (commits.empty() || commits.back() != bad.commit)
    throw InputError(fmt::format("bisect: {} is not a descendant of {} in {}",
                                 bad.commit.substr(0, 12), good.commit.substr(0, 12), repo));
  commits.insert(commits.begin(), good.commit);
  return commits;
}

}  // namespace

int bisect_verb(const Args& args) {
  std::optional<BisectCommand> parsed = parse_bisect_options(args);
  if (!parsed)
    return kExitOk;
  BisectCommand& o = *parsed;
  auto store = open_store_for_reading(o.common);
  const util::GitRepository repository(o.repo);
  if (o.alert_id)
    take_alert_range(o, *store);
  const End good = resolve_end(o.good_text, "GOOD", *store, repository, o.repo);
  const End bad = resolve_end(o.bad_text, "BAD", *store, repository, o.repo);
  if (o.suite.empty()) {
    if (!bad.run)
      throw UsageError("bisect: --suite FILE is required when BAD is a commit");
    o.suite = bad.run->suite_file;
  }
  if (!std::filesystem::is_regular_file(o.suite))
    throw InputError(fmt::format("bisect --suite {}: no such file", o.suite));
  const std::vector<std::string> commits = commits_to_search(good, bad, repository, o.repo);

  const util::TemporaryDirectory work(fmt::format("benchctl-bisect-{}", ::getpid()));
  workflow::ProbeSetup setup;
  setup.build.command = o.build;
  setup.build.plugins = o.plugins;
  setup.suite = std::filesystem::absolute(o.suite);
  setup.filter = o.filter;
  setup.instructions = o.measure == "instructions";
  const store::DatabaseLocation location = database_location(o.common);
  setup.database = location.kind == store::DatabaseLocation::Kind::sqlite
                       ? std::filesystem::absolute(location.file).string()
                       : location.url;
  setup.work = work.path();
  workflow::CommitProber prober(repository, setup, *store);

  // An end that is a stored run with its build is measured again without building.
  std::map<std::string, workflow::Probe> known;
  for (const End* end : {&good, &bad}) {
    if (end->run && workflow::has_stored_build(*store, *end->run))
      known[end->commit] =
          prober.measure(end->commit, workflow::write_stored_build(*store, *end->run));
  }
  workflow::BisectOptions bisect_options;
  bisect_options.max_builds = static_cast<std::size_t>(o.max_builds);
  report::BisectReport report;
  report.result = workflow::bisect(commits, prober, known, bisect_options);
  report.measured = setup.instructions ? "instructions" : "CPU time";
  if (report.result.end == workflow::BisectEnd::found) {
    report.subject = repository.subject(report.result.culprit);
    confirm(report, setup.suite, setup.database);
  }
  deliver_report(report::render_bisect(report, o.format), o.output.output, false,
                 database_path(o.common), "");
  return kExitOk;
}

}  // namespace benchctl::cli
