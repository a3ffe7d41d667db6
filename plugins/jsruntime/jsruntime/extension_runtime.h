// The extension runtime: an engine with the host API bootstrapped into it (`host.callTool`,
// `host.onToolCall`, `host.queueJob`), extensions loaded on top, and tool calls from the host
// routed through the hooks extensions registered.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "jsruntime/script_engine.h"

namespace jsruntime {

// The JavaScript that defines the host API; every runtime runs it first.
const std::string& bootstrap_source();

class ExtensionRuntime {
 public:
  // Bootstraps from source, or from its compiled form when `cached_bootstrap` is given.
  ExtensionRuntime(HostApi host, const std::vector<char>* cached_bootstrap = nullptr);

  void load_extension(const std::string& source, const std::string& filename);
  // A tool call as an agent makes it: through every registered hook (which may change the
  // arguments or veto the call), then the host tool. JSON in, JSON out.
  std::string call_tool(const std::string& tool, const std::string& arguments_json);
  ScriptEngine& engine() { return *engine_; }

  // The bootstrap compiled once, for cached cold starts.
  static std::vector<char> compile_bootstrap();

 private:
  std::unique_ptr<ScriptEngine> engine_;
};

}  // namespace jsruntime
