// A benchctl command handed to Slurm (benchctl submit --slurm): the batch script, and sbatch.
// Each task gets an exclusive node: a benchmark's timings mean nothing beside another job.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace benchctl::workflow {

struct SlurmJob {
  std::string name;                  // the job's name (squeue's NAME)
  std::vector<std::string> command;  // what each task runs, argv
  std::optional<int> tasks;          // an array of this many tasks (1..N: --shard auto), else one
  std::optional<int> only_task;      // of the array, this task alone (a shard measured again)
  std::filesystem::path directory;   // where each task runs and writes its output
  std::string partition;             // sbatch's --partition, --constraint, --nodelist; empty: none
  std::string constraint;
  std::string nodelist;
};

// The batch script: #SBATCH lines (an exclusive node per task) and the command, each argument
// quoted for the shell. Throws UsageError for a directive's value with a blank, which sbatch would
// cut.
std::string batch_script(const SlurmJob& job);

// Submits the script with sbatch and returns the job's id. Throws InputError with sbatch's own
// message when it is missing or refuses the job.
std::string submit_to_slurm(const std::string& script);

}  // namespace benchctl::workflow
