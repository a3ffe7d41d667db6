#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "jsruntime/extension_runtime.h"
#include "kernel/tool_registry.h"

namespace jsruntime {
namespace {

HostApi tools_host() {
  auto registry = std::make_shared<kernel::ToolRegistry>();
  kernel::add_builtin_tools(*registry);
  return {[registry](const std::string& tool, const std::string& arguments) {
    const kernel::Tool* found = registry->find(tool);
    if (found == nullptr)
      throw kernel::ToolError("no tool named '" + tool + "'");
    return found->run(nlohmann::json::parse(arguments)).dump();
  }};
}

std::string error_of(ExtensionRuntime& runtime, const std::string& source) {
  try {
    runtime.load_extension(source, "broken.js");
  } catch (const ScriptError& e) {
    return e.what();
  }
  return "";
}

TEST(ExtensionRuntime, AToolCallFromJavaScriptReturnsTheHostsResult) {
  ExtensionRuntime runtime(tools_host());
  runtime.load_extension(
      "function add() { return host.callTool('calculator', {input: '2 + 2'}) * 10; }", "add.js");
  EXPECT_EQ(runtime.engine().call("add", ""), "40");
  EXPECT_EQ(runtime.call_tool("uppercase", R"({"text":"shout"})"), "\"SHOUT\"");
}

TEST(ExtensionRuntime, JavaScriptErrorsBecomeClearErrors) {
  ExtensionRuntime runtime(tools_host());
  EXPECT_NE(
      error_of(runtime, "throw new Error('extension exploded');").find("Error: extension exploded"),
      std::string::npos);
  const std::string syntax = error_of(runtime, "function ( {");
  EXPECT_NE(syntax.find("SyntaxError"), std::string::npos) << syntax;
  runtime.load_extension("function missing() { return host.callTool('teleport', {}); }",
                         "missing.js");
  try {
    runtime.engine().call("missing", "");
    FAIL() << "expected an error";
  } catch (const ScriptError& e) {
    EXPECT_NE(std::string(e.what()).find("no tool named 'teleport'"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(runtime.engine().call("no_such_function", ""), ScriptError);
}

TEST(ExtensionRuntime, HooksSeeEveryToolCallAndCanRewriteOrVeto) {
  ExtensionRuntime runtime(tools_host());
  runtime.load_extension(R"js(
    var seen = [];
    host.onToolCall(function (tool, args) { seen.push(tool); });
    host.onToolCall(function (tool, args) {
      if (args.text === 'forbidden') return false;
      if (tool === 'uppercase') return { text: args.text + '!' };
    });
    function calls() { return seen.join(','); }
  )js",
                         "hooks.js");
  EXPECT_EQ(runtime.call_tool("uppercase", R"({"text":"hi"})"), "\"HI!\"")
      << "the hook rewrote the arguments";
  EXPECT_THROW(runtime.call_tool("uppercase", R"({"text":"forbidden"})"), ScriptError);
  EXPECT_EQ(runtime.engine().call("calls", ""), "uppercase,uppercase");
}

TEST(ExtensionRuntime, QueuedJobsRunWhenTheHostDrainsThem) {
  ExtensionRuntime runtime(tools_host());
  EXPECT_EQ(runtime.engine().run_pending_jobs(), 0u);
  runtime.load_extension(R"js(
    var order = [];
    host.queueJob(function () { order.push('a'); host.queueJob(function () { order.push('c'); }); });
    host.queueJob(function () { order.push('b'); });
    function result() { return order.join(''); }
  )js",
                         "jobs.js");
  EXPECT_EQ(runtime.engine().call("result", ""), "")
      << "nothing runs until the host drains the queue";
  EXPECT_EQ(runtime.engine().run_pending_jobs(), 3u) << "jobs queued by jobs run in the same drain";
  EXPECT_EQ(runtime.engine().call("result", ""), "abc");
  EXPECT_EQ(runtime.engine().run_pending_jobs(), 0u);
}

TEST(ExtensionRuntime, ACachedBootstrapBehavesLikeTheSource) {
  const std::vector<char> bytecode = ExtensionRuntime::compile_bootstrap();
  EXPECT_FALSE(bytecode.empty());
  ExtensionRuntime runtime(tools_host(), &bytecode);
  runtime.load_extension(
      "function twice() { return host.callTool('repeat', {text: 'ab', times: 2}); }", "t.js");
  EXPECT_EQ(runtime.engine().call("twice", ""), "abab");
}

}  // namespace
}  // namespace jsruntime
