// Recoverable errors. Library code throws these with a message a user can act on; the CLI
// catches them once and maps each kind to a documented exit code. Nothing in the library
// aborts or exits.
#pragma once

#include <stdexcept>
#include <string>

namespace benchctl {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The command line is wrong: an unknown verb or option, a missing argument.
class UsageError : public Error {
 public:
  using Error::Error;
};

// An input is wrong: a suite file, a plugin, a run id, an imported file.
class InputError : public Error {
 public:
  using Error::Error;
};

// The database cannot be opened, read or written.
class StorageError : public Error {
 public:
  using Error::Error;
};

// A file the program needs besides itself (a helper program or a module) is missing or cannot be
// loaded: the installation is incomplete.
class InstallationError : public Error {
 public:
  using Error::Error;
};

// The user asked benchctl to stop (SIGINT or SIGTERM).
class Interrupted : public Error {
 public:
  using Error::Error;
};

}  // namespace benchctl
