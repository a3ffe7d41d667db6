// benchctl profile SUITE|RUN --filter REGEX [--with callgrind|perf] [--against BUILD]: where a
// benchmark's loop spends its time, and where one build spends more than another.
#include <unistd.h>

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "cli/report_output.h"
#include "report/html_report.h"
#include "report/junit.h"
#include "report/profile_report.h"
#include "store/profiles.h"
#include "util/process_info.h"
#include "util/subprocess.h"
#include "workflow/profiling.h"

namespace benchctl::cli {
namespace {

namespace fs = std::filesystem;

bool is_suite_file(const std::string& text) {
  std::error_code error;
  return (text.ends_with(".yaml") || text.ends_with(".yml")) && fs::is_regular_file(text, error);
}

// The profiles of `--stored RUN`: every one stored with the run whose benchmark `filter` matches,
// the newest of each benchmark and tool.
std::vector<analysis::BenchmarkProfile> stored_profiles(store::Store& store, std::int64_t run,
                                                        const std::optional<std::regex>& filter) {
  std::vector<analysis::BenchmarkProfile> profiles;
  for (store::ProfileRecord& profile : store.load_profiles(run)) {
    if (filter && !std::regex_search(profile.benchmark, *filter))
      continue;
    std::erase_if(profiles, [&](const analysis::BenchmarkProfile& older) {
      return older.profile.benchmark == profile.benchmark && older.profile.tool == profile.tool;
    });
    profiles.push_back({std::move(profile), std::nullopt});
  }
  if (profiles.empty())
    throw InputError(
        fmt::format("run {} has no stored profile{}", run, filter ? " that matches --filter" : ""));
  return profiles;
}

// --export DIR: each profile as folded stacks and in callgrind's format, named after its benchmark
// ("/" and other awkward characters as "_"), "-against" for build A's.
void export_profiles(const std::vector<analysis::BenchmarkProfile>& profiles,
                     const std::string& directory) {
  std::error_code error;
  fs::create_directories(directory, error);
  if (error)
    throw InputError(fmt::format("--export {}: {}", directory, error.message()));
  auto write = [&](const store::ProfileRecord& profile, const std::string& suffix) {
    std::string name = profile.benchmark;
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.')
        c = '_';
    }
    const fs::path base = fs::path(directory) / (name + suffix);
    report::write_file(base.string() + ".folded", store::to_folded(profile.stacks));
    report::write_file(base.string() + ".callgrind", report::callgrind_text(profile));
  };
  for (const analysis::BenchmarkProfile& benchmark : profiles) {
    write(benchmark.profile, "");
    if (benchmark.against)
      write(*benchmark.against, "-against");
  }
}

struct ProfileOptions {
  CommonOptions common;
  std::string target, filter, with = "callgrind", against, export_to;
  OutputOptions output;
  double seconds = 1;
  std::size_t top = report::kProfileTopFunctions;
  bool stored = false;
  std::optional<std::int64_t> alert;
  bool with_given = false, time_given = false;

  std::optional<std::string> pattern() const {
    return filter.empty() ? std::nullopt : std::optional(filter);
  }
};

// Checks the options together: throws UsageError for what cannot go together.
void check(const ProfileOptions& o) {
  if (!o.output.html())
    o.output.parsed_format();
  if (!(o.seconds > 0 && o.seconds <= 600))
    throw UsageError(fmt::format("profile --time {}: expected seconds in (0, 600]", o.seconds));
  if (o.top == 0)
    throw UsageError("profile --top 0: expected at least one function");
  if (o.alert.has_value() == !o.target.empty())
    throw UsageError("profile: give a suite file or a stored run, or --alert ID");
  if (o.alert && (!o.against.empty() || o.stored)) {
    throw UsageError(
        "profile --alert profiles against the run before the alert: no --against or --stored");
  }
  if (o.stored && (!o.against.empty() || o.with_given || o.time_given))
    throw UsageError("profile --stored shows what is stored: --against, --with and --time measure");
  if (o.stored && is_suite_file(o.target))
    throw UsageError("profile --stored: expected a stored run, not a suite file");
}

// What is profiled, and against which build: a suite's plugins as built now, a stored run's
// build, or an alert's.
workflow::ProfileTarget profiled_target(const ProfileOptions& o, store::Store& store,
                                        std::optional<workflow::Build>& against) {
  if (!o.against.empty())
    against = named_build("--against", o.against, o.common);
  if (o.alert) {
    workflow::AlertProfiling profiling = workflow::alert_target(store, *o.alert);
    against = std::move(profiling.against);
    return std::move(profiling.target);
  }
  if (!is_suite_file(o.target))
    return workflow::stored_run_target(store, store.load_run(resolve_run(o.target, store)),
                                       o.pattern());
  suite::ResolvedSuite resolved = load_and_resolve(o.target, o.common);
  std::erase_if(resolved.jobs,
                [](const suite::Job& job) { return job.kind != suite::EntryKind::benchmark; });
  if (resolved.jobs.empty())
    throw InputError(fmt::format("{}: no plugin benchmarks to profile", o.target));
  suite::select_jobs(resolved, o.pattern(), std::nullopt);
  workflow::ProfileTarget target;
  target.build.label = "the plugins as built now";
  target.jobs = resolved.jobs;
  return target;
}

workflow::ProfilingOutcome profile(const ProfileOptions& o) {
  if (o.stored) {
    auto store = open_store_for_reading(o.common);
    return {stored_profiles(*store, resolve_run(o.target, *store), parse_filter(o.filter)), {}};
  }
  workflow::ProfileSettings settings;
  settings.tool = chosen_profile_tool(o.with, "profile --with");
  settings.seconds = o.seconds;
  auto store = open_store_for_writing(o.common);
  std::optional<workflow::Build> against;
  const workflow::ProfileTarget target = profiled_target(o, *store, against);
  util::install_interrupt_handlers();
  const bool terminal = isatty(STDERR_FILENO) != 0;
  return workflow::profile_target(target, against, settings, *store, [&](const std::string& name) {
    if (terminal)
      std::cerr << fmt::format("Profiling {} with {}\n", name, runner::tool_name(settings.tool));
  });
}

}  // namespace

int profile_verb(const Args& args) {
  ProfileOptions o;
  std::int64_t alert = 0;
  po::options_description options("profile options");
  options.add_options()("target", po::value(&o.target)->value_name("SUITE|RUN"),
                        "a suite file (its plugins as built now), or a stored run: a run id, "
                        "latest or a baseline's name (the build it kept)")(
      "filter", po::value(&o.filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "with", po::value(&o.with)->value_name("TOOL"),
      "callgrind (default: instructions, exact, always available) or perf (cpu-clock samples; "
      "falls back to callgrind where perf is not allowed)")(
      "against", po::value(&o.against)->value_name("BUILD"),
      "also profile this build (a directory of plugins, a run id, latest or a baseline's name) "
      "and show where the target spends more")(
      "alert", po::value(&alert)->value_name("ID"),
      "instead of a target: the alert's benchmarks on its first run's build against the run "
      "before it (the nightly job profiles each new alert so)")(
      "time", po::value(&o.seconds)->value_name("S"),
      "seconds of each benchmark's loop under the profiler (default 1)")(
      "top", po::value(&o.top)->value_name("N"), "functions listed per benchmark (default 10)")(
      "stored", po::bool_switch(&o.stored),
      "show the profiles stored with the run instead of profiling again")(
      "export", po::value(&o.export_to)->value_name("DIR"),
      "also write each profile as folded stacks (NAME.folded) and for KCachegrind "
      "(NAME.callgrind)");
  add_output_options(options, o.output, true);
  add_db_option(options, o.common);
  add_plugin_path_option(options, o.common);
  po::variables_map values;
  if (!parse_arguments("profile", "SUITE|RUN", args, options, {{"target", 1}}, values))
    return kExitOk;
  if (values.count("alert"))
    o.alert = alert;
  o.with_given = values.count("with") > 0;
  o.time_given = values.count("time") > 0;
  check(o);

  const workflow::ProfilingOutcome outcome = profile(o);
  if (!o.export_to.empty())
    export_profiles(outcome.profiles, o.export_to);
  const bool html = o.output.html();
  const std::string text =
      html ? report::render_html(report::html_profile_data(outcome.profiles),
                                 util::utc_timestamp(std::chrono::system_clock::now()))
           : report::render_profiles(outcome.profiles, o.output.parsed_format(), o.top);
  deliver_report(text, o.output.output, html, database_path(o.common), "benchctl-profile.html");
  for (const std::string& failure : outcome.failures)
    std::cerr << "benchctl: profile: not profiled: " << failure << "\n";
  return outcome.failures.empty() ? kExitOk : kExitBenchmarkFailed;
}

}  // namespace benchctl::cli
