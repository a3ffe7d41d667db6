// benchctl submit SUITE --slurm: a suite measured in shards on a Slurm cluster, one exclusive node
// per shard, as one run group in the fleet's database; or, after `--`, an ab or bisect step on one
// exclusive node (--nodelist: the same node for both sides of its pairs).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/common.h"
#include "cli/exit_codes.h"
#include "runner/environment.h"
#include "util/error.h"
#include "util/process_info.h"
#include "util/subprocess.h"
#include "workflow/slurm_job.h"

namespace benchctl::cli {
namespace {

struct SubmitOptions {
  CommonOptions common;
  std::string suite_file, group, label, machine_class;
  int nodes = 1;
  std::optional<int> shard;
  workflow::SlurmJob job;
  std::vector<std::string> step;  // after `--`: ab ... or bisect ...
  bool dry_run = false;
};

// Nothing when --help was asked for.
std::optional<SubmitOptions> parse_submit_options(const Args& args) {
  SubmitOptions o;
  const auto separator = std::find(args.begin(), args.end(), "--");
  const Args own(args.begin(), separator);
  if (separator != args.end())
    o.step.assign(separator + 1, args.end());
  int shard = 0;
  bool slurm = false;
  po::options_description options("submit options");
  options.add_options()("suite", po::value(&o.suite_file), "the suite file")(
      "slurm", po::bool_switch(&slurm), "submit to Slurm with sbatch (the one engine so far)")(
      "nodes", po::value(&o.nodes)->value_name("N"),
      "measure the suite in N shards, each on an exclusive node of its own (default 1)")(
      "group", po::value(&o.group)->value_name("NAME"),
      "the run group the shards store into (default: the suite's name and the time)")(
      "shard", po::value(&shard)->value_name("K"),
      "with --group: submit shard K alone again (one a scancel or a lost node left missing)")(
      "partition", po::value(&o.job.partition)->value_name("P"), "sbatch --partition")(
      "constraint", po::value(&o.job.constraint)->value_name("FEATURE"),
      "sbatch --constraint: the node feature of a machine class")(
      "nodelist", po::value(&o.job.nodelist)->value_name("NODE"),
      "sbatch --nodelist: pin the job to this node (an ab or bisect step's both sides)")(
      "label", po::value(&o.label)->value_name("TEXT"), "a label stored with each shard's run")(
      "machine-class", po::value(&o.machine_class)->value_name("NAME"),
      "the machine class each shard's run joins the series of (default: the nodes' "
      "BENCHCTL_MACHINE_CLASS, else each node's host and CPU model)")(
      "dry-run", po::bool_switch(&o.dry_run), "print the batch script instead of submitting it");
  add_db_option(options, o.common);
  add_plugin_path_option(options, o.common);
  po::variables_map values;
  if (!parse_arguments("submit", "SUITE | -- ab|bisect ARGS...", own, options, {{"suite", 1}},
                       values))
    return std::nullopt;
  if (!slurm) {
    throw UsageError(
        "submit: expected --slurm (Kubernetes: the Indexed Job of ci/examples/"
        "benchctl-indexed-job.yaml runs `benchctl run --shard auto` itself)");
  }
  if (o.step.empty() == o.suite_file.empty())
    throw UsageError("submit: expected a SUITE, or a step after `--` (ab ... or bisect ...)");
  if (!o.step.empty()) {
    if (o.step.front() != "ab" && o.step.front() != "bisect") {
      throw UsageError(fmt::format(
          "submit -- {}: expected ab or bisect (a suite is submitted as SUITE)", o.step.front()));
    }
    if (values.count("nodes") || values.count("group") || values.count("shard") ||
        values.count("label") || values.count("machine-class")) {
      throw UsageError(
          "submit: --nodes, --group, --shard, --label and --machine-class go with a SUITE");
    }
  }
  if (values.count("machine-class"))
    runner::checked_machine_class(o.machine_class, "submit --machine-class");
  if (o.nodes < 1 || o.nodes > 1000)
    throw UsageError(fmt::format("submit --nodes {}: expected 1 to 1000 nodes", o.nodes));
  if (values.count("shard")) {
    if (o.group.empty())
      throw UsageError("submit --shard: goes with --group, the group whose shard is missing");
    if (shard < 1 || shard > o.nodes) {
      throw UsageError(
          fmt::format("submit --shard {}: expected a shard of 1 to {} (--nodes)", shard, o.nodes));
    }
    o.shard = shard;
  }
  return o;
}

// The database as every node names it: a URL, or the file's absolute path. A URL's password
// would be stored in the batch script, which Slurm keeps and shows: refused.
std::string database_for_nodes(const CommonOptions& common) {
  const store::DatabaseLocation location = database_location(common);
  if (location.kind == store::DatabaseLocation::Kind::sqlite)
    return std::filesystem::absolute(location.file).string();
  if (location.shown() != location.url) {
    throw UsageError(
        fmt::format("submit: {} holds a password, which the batch script would keep: give it to "
                    "the nodes by PGPASSWORD, ~/.pgpass or a service file",
                    location.shown()));
  }
  return location.url;
}

std::vector<std::string> shard_command(const SubmitOptions& o, const std::string& database) {
  std::vector<std::string> command = {util::current_executable().string(),
                                      "run",
                                      std::filesystem::absolute(o.suite_file).string(),
                                      "--shard",
                                      o.shard ? fmt::format("{}/{}", *o.shard, o.nodes) : "auto",
                                      "--group",
                                      o.group,
                                      "--db",
                                      database};
  for (const std::string& path : o.common.plugin_paths)
    command.insert(command.end(), {"--plugin-path", std::filesystem::absolute(path).string()});
  if (!o.label.empty())
    command.insert(command.end(), {"--label", o.label});
  if (!o.machine_class.empty())
    command.insert(command.end(), {"--machine-class", o.machine_class});
  return command;
}

}  // namespace

int submit_verb(const Args& args) {
  std::optional<SubmitOptions> parsed = parse_submit_options(args);
  if (!parsed)
    return kExitOk;
  SubmitOptions& o = *parsed;
  const std::string database = database_for_nodes(o.common);
  workflow::SlurmJob& job = o.job;
  job.directory = std::filesystem::current_path();
  if (o.step.empty()) {
    // Found wrong here, not in N jobs' output later.
    const suite::ResolvedSuite resolved = load_and_resolve(o.suite_file, o.common);
    if (static_cast<int>(resolved.jobs.size()) < o.nodes) {
      throw UsageError(
          fmt::format("submit --nodes {}: suite {} has {} benchmarks, expected at "
                      "most as many shards",
                      o.nodes, resolved.suite.name, resolved.jobs.size()));
    }
    if (o.group.empty()) {
      std::string time = util::utc_timestamp();
      std::erase_if(time, [](char c) { return c == '-' || c == ':'; });
      o.group = resolved.suite.name + "-" + time;
    }
    job.name = "benchctl-" + resolved.suite.name;
    job.tasks = o.nodes;
    job.only_task = o.shard;
    job.command = shard_command(o, database);
  } else {
    job.name = "benchctl-" + o.step.front();
    job.command = {util::current_executable().string()};
    job.command.insert(job.command.end(), o.step.begin(), o.step.end());
    if (std::find(o.step.begin(), o.step.end(), "--db") == o.step.end())
      job.command.insert(job.command.end(), {"--db", database});
  }
  const std::string script = workflow::batch_script(job);
  if (o.dry_run) {
    std::cout << script;
    return kExitOk;
  }
  const std::string id = workflow::submit_to_slurm(script);
  if (o.step.empty()) {
    std::cout << fmt::format("Submitted Slurm job {}: {} of suite {} as group {}\n", id,
                             o.shard ? fmt::format("shard {} of {}", *o.shard, o.nodes)
                                     : fmt::format("{} shard{}", o.nodes, o.nodes == 1 ? "" : "s"),
                             job.name.substr(9), o.group);
    std::cout << fmt::format("When it ends: benchctl show group:{} --db {}\n", o.group, database);
  } else {
    std::cout << fmt::format("Submitted Slurm job {}: benchctl {}\n", id, o.step.front());
  }
  return kExitOk;
}

}  // namespace benchctl::cli
