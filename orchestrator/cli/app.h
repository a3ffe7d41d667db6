// The command line's entry point: picks the verb, runs it, and maps every error to its exit code
// (exit_codes.h) with one line on stderr. This is the only place exceptions are caught.
#pragma once

namespace benchctl::cli {

int main_entry(int argc, char** argv);

}  // namespace benchctl::cli
