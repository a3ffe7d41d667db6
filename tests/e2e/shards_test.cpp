// A suite measured in shards, end to end with the real binary: four shards of one group are one
// run to show, compare and baseline save; a group with a shard missing says which and exits 3;
// bad shards and groups are refused in one line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <set>

#include "cli_harness.h"
#include "util/subprocess.h"

namespace benchctl::testing {
namespace {

class Shards : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string suite = "suite: commands\ndefaults: {repetitions: 1}\nbenchmarks:\n";
    for (int b = 1; b <= 8; ++b)
      suite +=
          "  - name: true/" + std::to_string(b) + "\n    command: [\"/bin/true\"]\n    runs: 3\n";
    dir_.write("commands.yaml", suite);
    dir_.write("other.yaml",
               "suite: other\nbenchmarks:\n  - name: true/1\n    command: "
               "[\"/bin/true\"]\n    runs: 3\n");
  }

  CliResult benchctl(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", "s.db"});
    return run_benchctl(args, dir_.path());
  }

  void run_shard(int shard, const std::string& group = "nightly") {
    const CliResult run = benchctl(
        {"run", "commands.yaml", "--shard", std::to_string(shard) + "/4", "--group", group});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.err.find("(shard " + std::to_string(shard) + " of group " + group + ")"),
              std::string::npos)
        << run.err;
  }

  TempDirectory dir_;
};

TEST_F(Shards, FourShardsAreOneRunToEveryReader) {
  for (int shard = 1; shard <= 4; ++shard)
    run_shard(shard);
  const CliResult shown = benchctl({"show", "group:nightly", "--format", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.err, "");
  std::multiset<std::string> names;
  const auto group = nlohmann::json::parse(shown.out);
  for (const auto& result : group["run"]["results"])
    names.insert(result["name"].get<std::string>());
  EXPECT_EQ(names.size(), 8u);
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 8u) << "each once";

  // Each shard measured two of the eight (no history yet: split by count).
  for (int run = 1; run <= 4; ++run) {
    const CliResult one = benchctl({"show", std::to_string(run), "--format", "json"});
    EXPECT_EQ(nlohmann::json::parse(one.out)["run"]["results"].size(), 2u) << one.out;
  }

  // Comparable with the suite measured whole.
  ASSERT_EQ(benchctl({"run", "commands.yaml"}).exit_code, 0);
  const CliResult compared = benchctl({"compare", "group:nightly", "latest", "--resolve", "never",
                                       "--fail-on", "none", "--format", "json"});
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  const auto report = nlohmann::json::parse(compared.out);
  EXPECT_EQ(report["baseline"]["reference"], "group nightly");
  EXPECT_EQ(report["benchmarks"].size(), 8u);
  EXPECT_EQ(report["summary"]["only_in_baseline"], 0);
  EXPECT_EQ(report["summary"]["only_in_current"], 0);

  const CliResult saved = benchctl({"baseline", "save", "phase13", "--run", "group:nightly"});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_EQ(saved.out, "Baseline 'phase13' is runs 1, 2, 3, 4\n");

  // The next group keeps each benchmark in its shard.
  for (int shard = 1; shard <= 4; ++shard)
    run_shard(shard, "nightly-2");
  for (int shard = 1; shard <= 4; ++shard) {
    const auto first = nlohmann::json::parse(
        benchctl({"show", std::to_string(shard), "--format", "json"}).out)["run"]["results"];
    const auto second = nlohmann::json::parse(
        benchctl({"show", std::to_string(shard + 5), "--format", "json"}).out)["run"]["results"];
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t r = 0; r < first.size(); ++r)
      EXPECT_EQ(first[r]["name"], second[r]["name"]) << "shard " << shard;
  }
}

TEST_F(Shards, AGroupWithAShardMissingSaysWhichAndFailsUntilItIsMeasured) {
  for (int shard : {1, 2, 4})
    run_shard(shard);
  const CliResult shown = benchctl({"show", "group:nightly"});
  EXPECT_EQ(shown.exit_code, 3);
  EXPECT_EQ(shown.err, "benchctl: group nightly is incomplete: shard 3 of 4: no run\n");
  ASSERT_EQ(benchctl({"run", "commands.yaml"}).exit_code, 0);
  const CliResult compared =
      benchctl({"compare", "group:nightly", "latest", "--resolve", "never", "--fail-on", "none"});
  EXPECT_EQ(compared.exit_code, 3);
  EXPECT_NE(compared.err.find("group nightly is incomplete: shard 3 of 4: no run"),
            std::string::npos)
      << compared.err;
  const CliResult saved = benchctl({"baseline", "save", "partial", "--run", "group:nightly"});
  EXPECT_EQ(saved.exit_code, 2);
  EXPECT_EQ(saved.err,
            "benchctl: baseline save: group nightly is incomplete: shard 3 of 4: no run\n");

  run_shard(3);
  EXPECT_EQ(benchctl({"show", "group:nightly"}).exit_code, 0);
}

TEST_F(Shards, BadShardsAndGroupsAreRefusedInOneLine) {
  run_shard(1);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"run", "commands.yaml", "--shard", "5/4", "--group", "g"},
       "--shard 5/4: expected shard K of N with 1 <= K <= N <= 1000"},
      {{"run", "commands.yaml", "--shard", "1/4"}, "run: --shard and --group go together"},
      {{"run", "commands.yaml", "--shard", "1/9", "--group", "g"},
       "--shard: 9 shards of 8 benchmarks: expected at most 8 shards"},
      {{"run", "commands.yaml", "--shard", "1/4", "--group", "a b"},
       "--group 'a b': expected a name such as nightly-2026-12-05 (no blanks, at most 200 "
       "characters)"},
      {{"run", "commands.yaml", "--shard", "2/3", "--group", "nightly"},
       "group 'nightly' is suite commands in 4 shards, not commands in 3"},
      {{"run", "other.yaml", "--shard", "1/4", "--group", "nightly"},
       "group 'nightly' is suite commands in 4 shards, not other in 4"},
      {{"run", "commands.yaml", "--shard", "2/4", "--group", "nightly", "--filter", "true/[1-7]"},
       "group 'nightly' holds benchmark true/8, which this suite does not select: every shard of "
       "a group must measure the same suite, filter and plugins"},
      {{"show", "group:weekly"},
       "no run group 'weekly' in this database (`benchctl run SUITE --shard K/N --group weekly` "
       "measures one)"},
      {{"export", "group:nightly", "--format", "gbench"},
       "'group:nightly' names a run group, several runs: expected one run here (show, compare and "
       "baseline save read a group)"},
  };
  for (const auto& [args, message] : cases) {
    const CliResult refused = benchctl(args);
    EXPECT_EQ(refused.exit_code, 2) << args[1] << " " << refused.err;
    EXPECT_EQ(refused.err, "benchctl: " + message + "\n");
  }
  // Nothing was stored by the refused runs.
  EXPECT_EQ(lines_of(benchctl({"runs"}).out).size(), 3u) << "a heading and shard 1's run";
}

TEST_F(Shards, SubmitRefusesBadRequestsInOneLineAndSubmitsNothing) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"submit", "commands.yaml", "--nodes", "4"},
       "submit: expected --slurm (Kubernetes: the Indexed Job of "
       "ci/examples/benchctl-indexed-job.yaml runs `benchctl run --shard auto` itself)"},
      {{"submit", "commands.yaml", "--slurm", "--nodes", "9"},
       "submit --nodes 9: suite commands has 8 benchmarks, expected at most as many shards"},
      {{"submit", "commands.yaml", "--slurm", "--nodes", "0"},
       "submit --nodes 0: expected 1 to 1000 nodes"},
      {{"submit", "commands.yaml", "--slurm", "--shard", "2"},
       "submit --shard: goes with --group, the group whose shard is missing"},
      {{"submit", "commands.yaml", "--slurm", "--nodes", "4", "--group", "g", "--shard", "5"},
       "submit --shard 5: expected a shard of 1 to 4 (--nodes)"},
      {{"submit", "--slurm", "--", "run", "commands.yaml"},
       "submit -- run: expected ab or bisect (a suite is submitted as SUITE)"},
      {{"submit", "--slurm"},
       "submit: expected a SUITE, or a step after `--` (ab ... or bisect ...)"},
      {{"submit", "--slurm", "--nodes", "2", "--", "ab", "commands.yaml"},
       "submit: --nodes, --group, --shard, --label and --machine-class go with a SUITE"},
      {{"submit", "commands.yaml", "--slurm", "--machine-class", ""},
       "submit --machine-class '': expected a machine class such as c6i-4xlarge (no blanks, at "
       "most 100 characters)"},
      {{"run", "commands.yaml", "--machine-class", "a b"},
       "run --machine-class 'a b': expected a machine class such as c6i-4xlarge (no blanks, at "
       "most 100 characters)"},
  };
  for (const auto& [args, message] : cases) {
    const CliResult refused = run_benchctl(args, dir_.path());
    EXPECT_EQ(refused.exit_code, 2) << args[1] << " " << refused.err;
    EXPECT_EQ(refused.err, "benchctl: " + message + "\n");
  }
  // A password in the database URL would be kept in the batch script.
  const CliResult password = run_benchctl(
      {"submit", "commands.yaml", "--slurm", "--db", "postgresql://bench:secret@db/benchctl"},
      dir_.path());
  EXPECT_EQ(password.exit_code, 2);
  EXPECT_EQ(password.err,
            "benchctl: submit: postgresql://bench:***@db/benchctl holds a password, which the "
            "batch script would keep: give it to the nodes by PGPASSWORD, ~/.pgpass or a service "
            "file\n");
  // Without sbatch on the PATH.
  const CliResult missing = run_benchctl({"submit", "commands.yaml", "--slurm", "--nodes", "2"},
                                         dir_.path(), {"PATH=" + (dir_ / "nothing").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(missing.err.starts_with("benchctl: submit --slurm: sbatch did not start ("))
      << missing.err;
  EXPECT_EQ(lines_of(missing.err).size(), 1u) << missing.err;
  // --dry-run prints the script and submits nothing.
  const CliResult dry = run_benchctl(
      {"submit", "commands.yaml", "--slurm", "--nodes", "4", "--group", "g", "--dry-run"},
      dir_.path());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("#SBATCH --array=1-4\n#SBATCH --nodes=1\n#SBATCH --exclusive\n"),
            std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("'--shard' 'auto' '--group' 'g'"), std::string::npos) << dry.out;
}

// Two nodes of one class (the second a host of another name: a UTS namespace of its own) are one
// series; a node outside the class is another machine to compare with.
TEST_F(Shards, RunsOfOneMachineClassAreOneSeriesWhicheverNodeMeasuredThem) {
  if (::geteuid() != 0)
    GTEST_SKIP() << "naming another host takes root (unshare --uts)";
  const auto on_node = [&](const std::string& host, const std::string& options) {
    util::ChildSpec spec;
    spec.argv = {"unshare", "--uts", "sh", "-c",
                 "cd '" + dir_.path().string() + "' && hostname " + host + " && exec '" +
                     benchctl_binary().string() + "' run commands.yaml --db s.db " + options};
    return util::run_child(spec);
  };
  ASSERT_EQ(benchctl({"run", "commands.yaml", "--machine-class", "bench-c6i"}).exit_code, 0);
  ASSERT_TRUE(on_node("other-node", "--machine-class bench-c6i").succeeded());
  ASSERT_TRUE(on_node("other-node", "").succeeded());

  const CliResult listed = benchctl({"runs", "--machine", "bench-c6i"});
  EXPECT_EQ(lines_of(listed.out).size(), 4u) << listed.out;
  const CliResult same = benchctl({"compare", "1", "2", "--resolve", "never", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(same.out)["cross_machine"], false) << same.out;
  const CliResult across = benchctl(
      {"compare", "1", "3", "--resolve", "never", "--format", "json", "--fail-on", "none"});
  const auto report = nlohmann::json::parse(across.out);
  EXPECT_EQ(report["cross_machine"], true);
  EXPECT_EQ(report["baseline_machines"][0], "bench-c6i (machine class)");
  EXPECT_TRUE(report["current_machines"][0].get<std::string>().starts_with("other-node ("))
      << report["current_machines"];
  const CliResult history = benchctl({"history", "--machine", "bench-c6i", "--format", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto series = nlohmann::json::parse(history.out);
  EXPECT_EQ(series["machine"]["host"], "bench-c6i");
  for (const auto& benchmark : series["benchmarks"])
    EXPECT_EQ(benchmark["points"].size(), 2u) << benchmark["name"] << ": runs 1 and 2";
}

}  // namespace
}  // namespace benchctl::testing
