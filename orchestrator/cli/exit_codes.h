// benchctl's exit codes. They are stable: CI jobs and cron scripts gate on them.
#pragma once

namespace benchctl::cli {

enum ExitCode : int {
  kExitOk = 0,               // everything ran and passed
  kExitRegression = 1,       // reserved: a regression or a hard budget failed
  kExitUsage = 2,            // bad command line or bad input (suite, plugin, run id)
  kExitBenchmarkFailed = 3,  // some benchmark failed to run; the run is stored
  kExitStorage = 4,          // the database could not be opened, read or written
  kExitInternal = 5,         // a bug in benchctl
  kExitInstallation = 6,     // a helper or module of benchctl is missing or cannot be loaded
  kExitInterrupted = 130,    // stopped by SIGINT or SIGTERM; the run is stored as interrupted
};

}  // namespace benchctl::cli
