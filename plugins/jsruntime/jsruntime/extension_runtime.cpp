#include "jsruntime/extension_runtime.h"

#include <nlohmann/json.hpp>

namespace jsruntime {

const std::string& bootstrap_source() {
  static const std::string source = R"js(
// The host API every extension sees. Tool calls cross to the host as JSON text.
var host = (function () {
  var hooks = [];
  var jobs = [];
  var listeners = {};

  function checkName(name) {
    if (typeof name !== 'string' || name.length === 0) throw new TypeError('a tool name must be a non-empty string');
  }

  return {
    callTool: function (name, args) {
      checkName(name);
      return JSON.parse(__host_call_tool(name, JSON.stringify(args === undefined ? {} : args)));
    },
    // fn(toolName, args) may return false to veto the call, or new arguments to replace them.
    onToolCall: function (fn) {
      if (typeof fn !== 'function') throw new TypeError('onToolCall needs a function');
      hooks.push(fn);
    },
    queueJob: function (fn) {
      if (typeof fn !== 'function') throw new TypeError('queueJob needs a function');
      jobs.push(fn);
      __host_job_queued();
    },
    on: function (event, fn) {
      (listeners[event] = listeners[event] || []).push(fn);
    },
    emit: function (event, payload) {
      var list = listeners[event] || [];
      for (var i = 0; i < list.length; i++) list[i](payload);
      return list.length;
    },
    _hooks: hooks,
    _jobs: jobs
  };
})();

function __run_jobs() {
  var ran = 0;
  while (host._jobs.length > 0) {
    var job = host._jobs.shift();
    job();
    ran++;
  }
  return ran;
}

function __dispatch(request) {
  var call = JSON.parse(request);
  var args = call.args;
  for (var i = 0; i < host._hooks.length; i++) {
    var verdict = host._hooks[i](call.tool, args);
    if (verdict === false) throw new Error('tool call ' + call.tool + ' vetoed by hook ' + i);
    if (verdict !== undefined && verdict !== true) args = verdict;
  }
  host.emit('tool_call', { tool: call.tool });
  return JSON.stringify(host.callTool(call.tool, args));
}
)js";
  return source;
}

ExtensionRuntime::ExtensionRuntime(HostApi host, const std::vector<char>* cached_bootstrap)
    : engine_(make_duktape_engine(std::move(host))) {
  if (cached_bootstrap != nullptr) {
    engine_->evaluate_compiled(*cached_bootstrap);
  } else {
    engine_->evaluate(bootstrap_source(), "bootstrap.js");
  }
}

void ExtensionRuntime::load_extension(const std::string& source, const std::string& filename) {
  engine_->evaluate(source, filename);
}

std::string ExtensionRuntime::call_tool(const std::string& tool,
                                        const std::string& arguments_json) {
  const std::string request =
      "{\"tool\":" + nlohmann::json(tool).dump() + ",\"args\":" + arguments_json + "}";
  return engine_->call("__dispatch", request);
}

std::vector<char> ExtensionRuntime::compile_bootstrap() {
  auto engine = make_duktape_engine(HostApi{});
  return engine->compile(bootstrap_source(), "bootstrap.js");
}

}  // namespace jsruntime
