// An in-process agent kernel: a tool registry behind a JSON message protocol, a capability
// policy, a hook chain around every tool call, an event bus with pattern subscriptions, and a
// state store persisted to SQLite. `InProcessTransport` runs the kernel on its own thread.
#pragma once

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <queue>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "kernel/tool_registry.h"

struct sqlite3;

namespace kernel {

// ---- Protocol: one JSON object per request and per reply.
//   {"id": 7, "kind": "tool_call", "tool": "calculator", "arguments": {"input": "2 + 2"},
//    "caller": "agent-1"}
//   {"id": 7, "ok": true, "result": 4}     or     {"id": 7, "ok": false, "error": "..."}
// Kinds: tool_call, tool_info (tool), tool_search (query), list_tools (optional category).
struct Request {
  std::int64_t id = 0;
  std::string kind;
  std::string tool;
  std::string query;  // tool_search: the text; list_tools: the category
  nlohmann::json arguments = nlohmann::json::object();
  std::string caller = "anonymous";
};

struct Reply {
  std::int64_t id = 0;
  bool ok = false;
  nlohmann::json result;
  std::string error;
};

// Throws ToolError naming what is wrong with the request text.
Request parse_request(const std::string& text);
std::string serialize(const Reply& reply);
std::string serialize(const Request& request);

// ---- Capability policy: a caller may run a tool when it holds the tool's category.
class CapabilityPolicy {
 public:
  void grant(const std::string& caller, const std::string& capability);
  // Empty when allowed, else the reason it is not.
  std::string evaluate(const std::string& caller, const Tool& tool) const;

 private:
  std::map<std::string, std::set<std::string>, std::less<>> granted_;
};

// ---- Hooks around tool execution: each "before" hook may veto with a reason; "after" hooks see
// the result. They run in the order added.
struct HookContext {
  const Request& request;
  const Tool& tool;
};
using BeforeHook = std::function<std::string(const HookContext&)>;  // non-empty: the veto reason
using AfterHook = std::function<void(const HookContext&, const nlohmann::json& result)>;

class HookChain {
 public:
  void before(BeforeHook hook) { before_.push_back(std::move(hook)); }
  void after(AfterHook hook) { after_.push_back(std::move(hook)); }
  std::string run_before(const HookContext& context) const;
  void run_after(const HookContext& context, const nlohmann::json& result) const;
  std::size_t size() const { return before_.size() + after_.size(); }

 private:
  std::vector<BeforeHook> before_;
  std::vector<AfterHook> after_;
};

// ---- Event bus: subscribers to patterns such as "tool.*" or "session.*.saved" ('*' matches one
// dot-separated segment, a trailing "**" any rest).
class EventBus {
 public:
  using Handler = std::function<void(const std::string& topic, const nlohmann::json& payload)>;
  void subscribe(const std::string& pattern, Handler handler);
  // Delivers to every matching subscriber synchronously; returns how many received it.
  std::size_t publish(const std::string& topic, const nlohmann::json& payload) const;

 private:
  struct Subscription {
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Subscription> subscriptions_;
};

bool topic_matches(const std::vector<std::string>& pattern, const std::string& topic);
std::vector<std::string> split_topic(const std::string& topic);

// ---- State store: a concurrent in-memory map, flushed to SQLite (WAL) in one transaction.
class StateStore {
 public:
  explicit StateStore(const std::string& path);  // ":memory:" for none on disk
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  void write(const std::string& key, nlohmann::json value);
  std::optional<nlohmann::json> read(const std::string& key) const;
  // Writes every changed entry; returns how many.
  std::size_t flush();
  // Replaces the map with what the database holds; returns how many entries.
  std::size_t load();
  // Rewrites every stored entry through `upgrade` in one transaction (a schema migration of the
  // stored state); returns how many entries it rewrote. The in-memory map is reloaded after.
  std::size_t migrate(
      const std::function<nlohmann::json(const std::string& key, nlohmann::json value)>& upgrade);
  std::size_t size() const;

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, nlohmann::json, std::less<>> values_;
  std::set<std::string, std::less<>> dirty_;
  sqlite3* db_ = nullptr;
};

// ---- Sessions: a conversation's record in the state store ("session.<id>"), saved by a flush.
class Sessions {
 public:
  explicit Sessions(StateStore& state) : state_(state) {}
  // Throws ToolError when the session exists already.
  void create(const std::string& id, const nlohmann::json& metadata, std::int64_t now);
  void add_turn(const std::string& id, const std::string& role, const std::string& text);
  std::size_t save() { return state_.flush(); }

 private:
  StateStore& state_;
};

// ---- The kernel: dispatch of requests to the registry through policy and hooks.
class Kernel {
 public:
  // An idle kernel has no tools; the default one registers every built-in tool.
  explicit Kernel(const std::string& state_path = ":memory:", bool with_builtin_tools = true);
  ToolRegistry& tools() { return tools_; }
  CapabilityPolicy& policy() { return policy_; }
  HookChain& hooks() { return hooks_; }
  EventBus& events() { return events_; }
  StateStore& state() { return state_; }

  Reply handle(const Request& request);
  std::string handle(const std::string& request_text);  // parse, handle, serialize

 private:
  ToolRegistry tools_;
  CapabilityPolicy policy_;
  HookChain hooks_;
  EventBus events_;
  StateStore state_;
};

// The kernel on its own thread; callers send request text and get the reply text back.
class InProcessTransport {
 public:
  explicit InProcessTransport(Kernel& kernel);
  ~InProcessTransport();  // stops and joins the thread
  InProcessTransport(const InProcessTransport&) = delete;
  InProcessTransport& operator=(const InProcessTransport&) = delete;

  std::future<std::string> send(std::string request_text);

 private:
  void serve();
  Kernel& kernel_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::queue<std::pair<std::string, std::promise<std::string>>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kernel
