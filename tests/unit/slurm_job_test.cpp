// The batch scripts benchctl submit --slurm hands to sbatch (workflow/slurm_job.h): snapshots.
#include <gtest/gtest.h>

#include "snapshot.h"
#include "util/error.h"
#include "workflow/slurm_job.h"

namespace benchctl::workflow {
namespace {

SlurmJob sharded_suite() {
  SlurmJob job;
  job.name = "benchctl-nightly";
  job.command = {"/usr/bin/benchctl",
                 "run",
                 "/srv/bench/suites/nightly.yaml",
                 "--shard",
                 "auto",
                 "--group",
                 "nightly-20261205T020000Z",
                 "--db",
                 "postgresql://bench@db/benchctl",
                 "--label",
                 "it's nightly"};
  job.tasks = 4;
  job.directory = "/srv/bench";
  job.constraint = "c6i";
  job.partition = "bench";
  return job;
}

TEST(SlurmJob, AShardedSuiteIsAnArrayOfExclusiveNodes) {
  testing::expect_snapshot("slurm-sharded.sh", batch_script(sharded_suite()));
}

TEST(SlurmJob, AShardSubmittedAgainIsThatTaskAlone) {
  SlurmJob job = sharded_suite();
  job.only_task = 3;
  job.command[4] = "3/4";
  testing::expect_snapshot("slurm-one-shard.sh", batch_script(job));
}

TEST(SlurmJob, AnAbStepIsOneExclusiveNodePinnedByName) {
  SlurmJob job;
  job.name = "benchctl-ab";
  job.command = {"/usr/bin/benchctl", "ab", "suite.yaml", "--a", "41", "--b", "latest"};
  job.directory = "/srv/bench";
  job.nodelist = "bench-07";
  testing::expect_snapshot("slurm-ab.sh", batch_script(job));
}

TEST(SlurmJob, ADirectiveWithABlankIsRefusedNotCut) {
  SlurmJob job = sharded_suite();
  job.constraint = "c6i large";
  try {
    batch_script(job);
    FAIL() << "a constraint with a blank was accepted";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "submit: --constraint 'c6i large' holds a blank, which an #SBATCH line cannot "
                 "carry: expected none");
  }
  job = sharded_suite();
  job.directory = "/srv/my bench";
  EXPECT_THROW(batch_script(job), UsageError);
}

}  // namespace
}  // namespace benchctl::workflow
