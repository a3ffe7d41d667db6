#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "kernel/kernel.h"

namespace kernel {
namespace {

using nlohmann::json;

Request call(const std::string& tool, json arguments, const std::string& caller = "agent") {
  Request request;
  request.id = 1;
  request.kind = "tool_call";
  request.tool = tool;
  request.arguments = std::move(arguments);
  request.caller = caller;
  return request;
}

TEST(Kernel, TheCalculatorThroughTheProtocolReturnsFour) {
  Kernel k;
  k.policy().grant("agent", "math");
  InProcessTransport transport(k);
  const json reply =
      json::parse(transport.send(serialize(call("calculator", {{"input", "2 + 2"}}))).get());
  EXPECT_EQ(reply["ok"], true) << reply.dump();
  EXPECT_EQ(reply["result"], 4.0);
  EXPECT_EQ(reply["id"], 1);
}

TEST(Kernel, BadRequestsAndFailingToolsGetErrorReplies) {
  Kernel k;
  k.policy().grant("agent", "*");
  EXPECT_EQ(json::parse(k.handle(std::string("not json")))["error"], "request: not a JSON object");
  const Reply unknown = k.handle(call("teleport", json::object()));
  EXPECT_FALSE(unknown.ok);
  EXPECT_EQ(unknown.error, "no tool named 'teleport'");
  EXPECT_EQ(k.handle(call("calculator", {{"input", "1 / 0"}})).error,
            "calculator: division by zero at position 3");
  EXPECT_EQ(k.handle(call("calculator", json::object())).error,
            "calculator: missing argument 'input'");
  Request odd;
  odd.kind = "dance";
  EXPECT_EQ(k.handle(odd).error, "unknown request kind 'dance'");
}

TEST(Kernel, ThePolicyDeniesToolsOutsideTheCallersCapabilities) {
  Kernel k;
  k.policy().grant("agent", "text");
  EXPECT_TRUE(k.handle(call("uppercase", {{"text", "hi"}})).ok);
  const Reply denied = k.handle(call("calculator", {{"input", "1"}}));
  EXPECT_FALSE(denied.ok);
  EXPECT_EQ(denied.error, "caller 'agent' lacks capability 'math' for tool 'calculator'");
  EXPECT_FALSE(k.handle(call("uppercase", {{"text", "hi"}}, "stranger")).ok);
}

TEST(Kernel, HooksRunInOrderAndCanVeto) {
  Kernel k;
  k.policy().grant("agent", "*");
  std::vector<std::string> order;
  k.hooks().before([&](const HookContext& c) {
    order.push_back("audit " + c.tool.name);
    return std::string();
  });
  k.hooks().before([&](const HookContext& c) {
    order.push_back("guard");
    return c.request.arguments.value("text", std::string()) == "secret" ? std::string("no secrets")
                                                                        : std::string();
  });
  k.hooks().after(
      [&](const HookContext&, const json& result) { order.push_back("after " + result.dump()); });
  EXPECT_EQ(k.handle(call("uppercase", {{"text", "ok"}})).result, "OK");
  EXPECT_EQ(order, (std::vector<std::string>{"audit uppercase", "guard", "after \"OK\""}));
  order.clear();
  const Reply vetoed = k.handle(call("uppercase", {{"text", "secret"}}));
  EXPECT_EQ(vetoed.error, "vetoed: no secrets");
  EXPECT_EQ(order, (std::vector<std::string>{"audit uppercase", "guard"}))
      << "after hooks do not run";
}

TEST(Kernel, CompletedToolCallsArePublished) {
  Kernel k;
  k.policy().grant("agent", "*");
  std::vector<std::string> topics;
  k.events().subscribe("tool.*.completed",
                       [&](const std::string& topic, const json&) { topics.push_back(topic); });
  k.handle(call("reverse", {{"text", "abc"}}));
  EXPECT_EQ(topics, (std::vector<std::string>{"tool.reverse.completed"}));
}

TEST(EventBus, MatchesPatternsBySegment) {
  auto matches = [](const char* pattern, const char* topic) {
    return topic_matches(split_topic(pattern), topic);
  };
  EXPECT_TRUE(matches("tool.*.completed", "tool.calculator.completed"));
  EXPECT_FALSE(matches("tool.*.completed", "tool.calculator.failed"));
  EXPECT_FALSE(matches("tool.*", "tool.calculator.completed"));
  EXPECT_TRUE(matches("tool.**", "tool.calculator.completed"));
  EXPECT_TRUE(matches("session.*", "session.42"));
  EXPECT_FALSE(matches("session.*.saved", "session.42"));
  EXPECT_FALSE(matches("a.b", "a.b.c"));
  EventBus bus;
  int received = 0;
  bus.subscribe("a.*", [&](const std::string&, const json&) { ++received; });
  bus.subscribe("a.**", [&](const std::string&, const json&) { ++received; });
  EXPECT_EQ(bus.publish("a.b", {}), 2u);
  EXPECT_EQ(bus.publish("a.b.c", {}), 1u);
  EXPECT_EQ(received, 3);
}

TEST(StateStore, SurvivesAFlushAndAReopen) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("benchctl-state-test-" + std::to_string(::getpid()) + ".db");
  {
    StateStore store(path.string());
    store.write("session.1.turns", 3);
    store.write("agent.name", "ada");
    EXPECT_EQ(store.flush(), 2u);
    EXPECT_EQ(store.flush(), 0u) << "nothing changed since";
    store.write("agent.name", "grace");
    EXPECT_EQ(store.flush(), 1u);
    store.write("unflushed", true);
  }
  StateStore reopened(path.string());
  EXPECT_EQ(reopened.load(), 2u);
  EXPECT_EQ(reopened.read("agent.name"), json("grace"));
  EXPECT_EQ(reopened.read("session.1.turns"), json(3));
  EXPECT_FALSE(reopened.read("unflushed"));
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
}

TEST(StateStore, MigratesEveryStoredEntryAndSessionsPersistThroughIt) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("benchctl-migrate-test-" + std::to_string(::getpid()) + ".db");
  {
    StateStore store(path.string());
    Sessions sessions(store);
    sessions.create("s1", {{"user", "ada"}}, 100);
    EXPECT_THROW(sessions.create("s1", {}, 101), ToolError);
    sessions.add_turn("s1", "user", "hello");
    EXPECT_THROW(sessions.add_turn("nope", "user", "x"), ToolError);
    store.write("agent.count", {{"version", 1}, {"n", 3}});
    EXPECT_EQ(sessions.save(), 2u);
    EXPECT_EQ(store.migrate([](const std::string& key, json value) {
      value["version"] = 2;
      value["key"] = key;
      return value;
    }),
              2u);
    EXPECT_EQ((*store.read("agent.count"))["version"], 2)
        << "the map is reloaded after a migration";
  }
  StateStore reopened(path.string());
  reopened.load();
  const json session = *reopened.read("session.s1");
  EXPECT_EQ(session["version"], 2);
  EXPECT_EQ(session["turns"][0]["text"], "hello");
  EXPECT_EQ(session["metadata"]["user"], "ada");
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
}

TEST(Kernel, AnIdleKernelHasNoTools) {
  Kernel idle(":memory:", false);
  EXPECT_EQ(idle.tools().size(), 0u);
}

TEST(ToolRegistry, HoldsFortyRealToolsThatWork) {
  ToolRegistry registry;
  add_builtin_tools(registry);
  EXPECT_GE(registry.size(), 40u);
  EXPECT_THROW(add_builtin_tools(registry), ToolError) << "names are unique";
  auto run = [&](const char* name, const json& arguments) {
    return registry.find(name)->run(arguments);
  };
  EXPECT_EQ(run("slugify", {{"text", "Hello, World: 2026!"}}), "hello-world-2026");
  EXPECT_EQ(
      run("url_decode", {{"text", run("url_encode", {{"text", "a b&c/é"}}).get<std::string>()}}),
      "a b&c/é");
  EXPECT_EQ(run("json_get", {{"document", {{"a", {1, 2, 3}}}}, {"pointer", "/a/2"}}), 3);
  EXPECT_EQ(run("split", {{"text", "a,b,,c"}, {"separator", ","}}), json({"a", "b", "", "c"}));
  EXPECT_EQ(run("median", {{"numbers", {5, 1, 3, 2}}}), 2.5);
  EXPECT_EQ(run("hash_sha256", {{"text", "abc"}}),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(run("timestamp_iso", {{"seconds", 0}}), "1970-01-01T00:00:00Z");
  EXPECT_THROW(run("hex_decode", {{"text", "zz"}}), ToolError);
  EXPECT_EQ(registry.list("math").size(), 13u);
  EXPECT_FALSE(registry.search("JSON").empty());
}

}  // namespace
}  // namespace kernel
