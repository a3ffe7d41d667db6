// benchctl profile SUITE|RUN --filter REGEX [--with callgrind|perf] [--against BUILD]: where a
// benchmark's loop spends its time, and where one build spends more than another.
#include <unistd.h>

#include <fmt/format.h>

#include <fstream>
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

}  // namespace

int profile_verb(const Args& args) {
  CommonOptions common;
  std::string target, filter, with = "callgrind", against, format = "table", output, export_to;
  double seconds = 1;
  std::size_t top = report::kProfileTopFunctions;
  bool stored = false;
  po::options_description options("profile options");
  options.add_options()("target", po::value(&target)->required()->value_name("SUITE|RUN"),
                        "a suite file (its plugins as built now), or a stored run: a run id, "
                        "latest or a baseline's name (the build it kept)")(
      "filter", po::value(&filter)->value_name("REGEX"), "only benchmarks whose name matches")(
      "with", po::value(&with)->value_name("TOOL"),
      "callgrind (default: instructions, exact, always available) or perf (cpu-clock samples; "
      "falls back to callgrind where perf is not allowed)")(
      "against", po::value(&against)->value_name("BUILD"),
      "also profile this build (a directory of plugins, a run id, latest or a baseline's name) "
      "and show where the target spends more")(
      "time", po::value(&seconds)->value_name("S"),
      "seconds of each benchmark's loop under the profiler (default 1)")(
      "top", po::value(&top)->value_name("N"), "functions listed per benchmark (default 10)")(
      "stored", po::bool_switch(&stored),
      "show the profiles stored with the run instead of profiling again")(
      "export", po::value(&export_to)->value_name("DIR"),
      "also write each profile as folded stacks (NAME.folded) and for KCachegrind "
      "(NAME.callgrind)")("format", po::value(&format)->value_name("FORMAT"),
                          "table (default), markdown, json, csv or html (flame graphs)")(
      "output", po::value(&output)->value_name("FILE"),
      "write the report to FILE (default: stdout; html on a terminal: a file next to the "
      "database)");
  add_db_option(options, common);
  add_plugin_path_option(options, common);
  po::positional_options_description positional;
  positional.add("target", 1);
  po::variables_map values;
  if (!parse_arguments("profile",
                       "benchctl profile SUITE|RUN [--filter REGEX] [--with callgrind|perf] "
                       "[--against BUILD] [--time S] [--top N] [--stored] [--export DIR] "
                       "[--format FORMAT] [--output FILE] [--db PATH]",
                       args, options, positional, values)) {
    return kExitOk;
  }
  const bool html = format == "html";
  const report::Format chosen = html ? report::Format::json : report::parse_format(format);
  if (!(seconds > 0 && seconds <= 600))
    throw UsageError(fmt::format("profile --time {}: expected seconds in (0, 600]", seconds));
  if (top == 0)
    throw UsageError("profile --top 0: expected at least one function");
  if (stored && (!against.empty() || values.count("with") || values.count("time")))
    throw UsageError("profile --stored shows what is stored: --against, --with and --time measure");
  const std::optional<std::string> pattern = filter.empty() ? std::nullopt : std::optional(filter);

  std::vector<analysis::BenchmarkProfile> profiles;
  std::vector<std::string> failures;
  if (stored) {
    if (is_suite_file(target))
      throw UsageError("profile --stored: expected a stored run, not a suite file");
    auto store = open_store_for_reading(common);
    profiles = stored_profiles(*store, resolve_run(target, *store), parse_filter(filter));
  } else {
    workflow::ProfileSettings settings;
    settings.tool = chosen_profile_tool(with, "profile --with");
    settings.seconds = seconds;
    std::optional<workflow::Build> other;
    if (!against.empty())
      other = named_build("--against", against, common);
    workflow::ProfileTarget profiled;
    auto store = open_store_for_writing(common);
    if (is_suite_file(target)) {
      suite::ResolvedSuite resolved = load_and_resolve(target, common);
      std::erase_if(resolved.jobs,
                    [](const suite::Job& job) { return job.kind != suite::EntryKind::benchmark; });
      if (resolved.jobs.empty())
        throw InputError(fmt::format("{}: no plugin benchmarks to profile", target));
      suite::select_jobs(resolved, pattern, std::nullopt);
      profiled.build.label = "the plugins as built now";
      profiled.jobs = resolved.jobs;
    } else {
      profiled = workflow::stored_run_target(*store, store->load_run(resolve_run(target, *store)),
                                             pattern);
    }
    util::install_interrupt_handlers();
    const bool terminal = isatty(STDERR_FILENO) != 0;
    workflow::ProfilingOutcome outcome =
        workflow::profile_target(profiled, other, settings, *store, [&](const std::string& name) {
          if (terminal)
            std::cerr << fmt::format("Profiling {} with {}\n", name,
                                     runner::tool_name(settings.tool));
        });
    profiles = std::move(outcome.profiles);
    failures = std::move(outcome.failures);
  }
  if (!export_to.empty())
    export_profiles(profiles, export_to);
  const std::string text =
      html ? report::render_html(report::html_profile_data(profiles),
                                 util::utc_timestamp(std::chrono::system_clock::now()))
           : report::render_profiles(profiles, chosen, top);
  deliver_report(text, output, html, database_path(common), "benchctl-profile.html");
  for (const std::string& failure : failures)
    std::cerr << "benchctl: profile: not profiled: " << failure << "\n";
  return failures.empty() ? kExitOk : kExitBenchmarkFailed;
}

}  // namespace benchctl::cli
