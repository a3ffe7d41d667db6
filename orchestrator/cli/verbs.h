// One function per verb; each parses its own options and calls the library. `args` are the
// arguments after the verb.
#pragma once

#include <string>
#include <vector>

namespace benchctl::cli {

using Args = std::vector<std::string>;

int run_verb(const Args& args);
int validate_verb(const Args& args);
int list_verb(const Args& args);
int runs_verb(const Args& args);
int show_verb(const Args& args);
int baseline_verb(const Args& args);
int compare_verb(const Args& args);
int calibrate_verb(const Args& args);
int doctor_verb(const Args& args);
int ab_verb(const Args& args);
int profile_verb(const Args& args);
int history_verb(const Args& args);
int alerts_verb(const Args& args);
int bisect_verb(const Args& args);
int ci_verb(const Args& args);
int maintain_verb(const Args& args);
int push_verb(const Args& args);
int submit_verb(const Args& args);
int stability_verb(const Args& args);
int export_verb(const Args& args);
int import_verb(const Args& args);
int worker_verb(const Args& args);  // hidden: what the parent execs

}  // namespace benchctl::cli
