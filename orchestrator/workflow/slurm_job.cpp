#include "workflow/slurm_job.h"

#include <fmt/format.h>

#include <fstream>

#include "util/error.h"
#include "util/subprocess.h"
#include "util/temporary_directory.h"

namespace benchctl::workflow {
namespace {

std::string shell_quoted(const std::string& word) {
  std::string quoted = "'";
  for (const char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

// sbatch reads an #SBATCH line's value up to the first blank.
void check_directive(const std::string& option, const std::string& value) {
  if (value.find_first_of(" \t\n\r") != std::string::npos) {
    throw UsageError(fmt::format(
        "submit: --{} '{}' holds a blank, which an #SBATCH line cannot carry: expected none",
        option, value));
  }
}

}  // namespace

std::string batch_script(const SlurmJob& job) {
  check_directive("chdir (the working directory)", job.directory.string());
  check_directive("job-name (the suite's name)", job.name);
  std::string script = "#!/bin/sh\n";
  script += fmt::format("#SBATCH --job-name={}\n", job.name);
  if (job.tasks) {
    script += job.only_task ? fmt::format("#SBATCH --array={}\n", *job.only_task)
                            : fmt::format("#SBATCH --array=1-{}\n", *job.tasks);
  }
  script += "#SBATCH --nodes=1\n#SBATCH --exclusive\n";
  script += fmt::format("#SBATCH --chdir={}\n", job.directory.string());
  script += job.tasks ? "#SBATCH --output=%x-%A_%a.out\n" : "#SBATCH --output=%x-%j.out\n";
  for (const auto& [option, value] :
       {std::pair{"partition", &job.partition}, std::pair{"constraint", &job.constraint},
        std::pair{"nodelist", &job.nodelist}}) {
    if (!value->empty()) {
      check_directive(option, *value);
      script += fmt::format("#SBATCH --{}={}\n", option, *value);
    }
  }
  script += "exec";
  for (const std::string& word : job.command)
    script += " " + shell_quoted(word);
  return script + "\n";
}

std::string submit_to_slurm(const std::string& script) {
  const util::TemporaryDirectory directory("benchctl-submit");
  const std::filesystem::path file = directory.path() / "job.sh";
  {
    std::ofstream out(file);
    out << script;
    if (!out.flush())
      throw InputError(fmt::format("submit --slurm: cannot write {}", file.string()));
  }
  util::ChildSpec sbatch;
  sbatch.argv = {"sbatch", "--parsable", file.string()};
  sbatch.timeout = std::chrono::seconds(60);
  const util::ChildExit exit = util::run_child(sbatch);
  if (!exit.spawn_error.empty()) {
    throw InputError(
        fmt::format("submit --slurm: sbatch did not start ({}): Debian's slurm-wlm installs it",
                    exit.spawn_error));
  }
  const std::string output = trimmed(exit.output_tail);
  if (!exit.succeeded()) {
    throw InputError(
        fmt::format("submit --slurm: sbatch {}: {}", exit.describe(), util::last_lines(output, 1)));
  }
  // --parsable: "ID" or "ID;CLUSTER", after any warnings sbatch printed.
  const std::string last = util::last_lines(output, 1);
  return last.substr(0, last.find(';'));
}

}  // namespace benchctl::workflow
