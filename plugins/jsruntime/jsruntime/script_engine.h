// An engine-neutral JavaScript runtime interface for extensions, and its Duktape implementation.
// The host exposes tools to scripts (JSON in, JSON out), scripts register hooks around tool calls
// and queue jobs that the host drains.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace jsruntime {

// A script failed: a syntax error, an exception thrown by the script, or a veto. The message
// names the file and line where the engine knows them.
class ScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the host offers scripts.
struct HostApi {
  // Runs a host tool: tool name and JSON arguments in, JSON result out; throws on failure.
  std::function<std::string(const std::string& tool, const std::string& arguments_json)> call_tool;
};

class ScriptEngine {
 public:
  virtual ~ScriptEngine() = default;
  virtual std::string name() const = 0;

  // Runs source text as a program.
  virtual void evaluate(const std::string& source, const std::string& filename) = 0;
  // Compiles source text to the engine's bytecode, and runs such bytecode: a cached bootstrap.
  virtual std::vector<char> compile(const std::string& source, const std::string& filename) = 0;
  virtual void evaluate_compiled(const std::vector<char>& bytecode) = 0;

  // Calls a global function with one string argument; returns its result as a string.
  virtual std::string call(const std::string& function, const std::string& argument) = 0;
  // Runs the jobs scripts queued with host.queueJob; returns how many ran.
  virtual std::size_t run_pending_jobs() = 0;
};

std::unique_ptr<ScriptEngine> make_duktape_engine(HostApi host);

}  // namespace jsruntime
