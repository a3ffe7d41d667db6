#include "kernel/kernel.h"

#include <sqlite3.h>

#include <sstream>

namespace kernel {

using nlohmann::json;

// ---- Protocol

Request parse_request(const std::string& text) {
  const json message = json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object())
    throw ToolError("request: not a JSON object");
  Request request;
  try {
    request.id = message.at("id").get<std::int64_t>();
    request.kind = message.at("kind").get<std::string>();
    request.tool = message.value("tool", std::string());
    request.query = message.value("query", std::string());
    request.caller = message.value("caller", std::string("anonymous"));
    if (message.contains("arguments"))
      request.arguments = message["arguments"];
  } catch (const json::exception& e) {
    throw ToolError(std::string("request: ") + e.what());
  }
  return request;
}

std::string serialize(const Reply& reply) {
  json message = {{"id", reply.id}, {"ok", reply.ok}};
  if (reply.ok) {
    message["result"] = reply.result;
  } else {
    message["error"] = reply.error;
  }
  return message.dump();
}

std::string serialize(const Request& request) {
  json message = {{"id", request.id}, {"kind", request.kind}, {"caller", request.caller}};
  if (!request.tool.empty())
    message["tool"] = request.tool;
  if (!request.query.empty())
    message["query"] = request.query;
  if (!request.arguments.empty())
    message["arguments"] = request.arguments;
  return message.dump();
}

// ---- Policy

void CapabilityPolicy::grant(const std::string& caller, const std::string& capability) {
  granted_[caller].insert(capability);
}

std::string CapabilityPolicy::evaluate(const std::string& caller, const Tool& tool) const {
  const auto found = granted_.find(caller);
  if (found != granted_.end() &&
      (found->second.contains(tool.category) || found->second.contains("*")))
    return {};
  return "caller '" + caller + "' lacks capability '" + tool.category + "' for tool '" + tool.name +
         "'";
}

// ---- Hooks

std::string HookChain::run_before(const HookContext& context) const {
  for (const BeforeHook& hook : before_) {
    if (std::string veto = hook(context); !veto.empty())
      return veto;
  }
  return {};
}

void HookChain::run_after(const HookContext& context, const json& result) const {
  for (const AfterHook& hook : after_)
    hook(context, result);
}

// ---- Events

std::vector<std::string> split_topic(const std::string& topic) {
  std::vector<std::string> segments;
  std::stringstream in(topic);
  for (std::string segment; std::getline(in, segment, '.');)
    segments.push_back(segment);
  return segments;
}

bool topic_matches(const std::vector<std::string>& pattern, const std::string& topic) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "**")
      return i + 1 == pattern.size();
    if (start > topic.size())
      return false;
    const std::size_t dot = std::min(topic.find('.', start), topic.size());
    const std::string_view segment(topic.data() + start, dot - start);
    if (pattern[i] != "*" && segment != pattern[i])
      return false;
    start = dot + 1;
  }
  return start == topic.size() + 1;
}

void EventBus::subscribe(const std::string& pattern, Handler handler) {
  subscriptions_.push_back({split_topic(pattern), std::move(handler)});
}

std::size_t EventBus::publish(const std::string& topic, const json& payload) const {
  std::size_t delivered = 0;
  for (const Subscription& subscription : subscriptions_) {
    if (topic_matches(subscription.segments, topic)) {
      subscription.handler(topic, payload);
      ++delivered;
    }
  }
  return delivered;
}

// ---- State

namespace {

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw ToolError(std::string("state store: ") + message);
  }
}

}  // namespace

StateStore::StateStore(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    sqlite3_close(db_);
    throw ToolError("state store: cannot open " + path);
  }
  exec(db_, "PRAGMA journal_mode = WAL");
  exec(db_, "PRAGMA synchronous = NORMAL");
  exec(
      db_,
      "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
}

StateStore::~StateStore() {
  sqlite3_close(db_);
}

void StateStore::write(const std::string& key, json value) {
  const std::unique_lock lock(mutex_);
  values_[key] = std::move(value);
  dirty_.insert(key);
}

std::optional<json> StateStore::read(const std::string& key) const {
  const std::shared_lock lock(mutex_);
  const auto found = values_.find(key);
  if (found == values_.end())
    return std::nullopt;
  return found->second;
}

std::size_t StateStore::size() const {
  const std::shared_lock lock(mutex_);
  return values_.size();
}

std::size_t StateStore::flush() {
  const std::unique_lock lock(mutex_);
  exec(db_, "BEGIN IMMEDIATE");
  sqlite3_stmt* upsert = nullptr;
  sqlite3_prepare_v2(db_,
                     "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                     "value = excluded.value",
                     -1, &upsert, nullptr);
  for (const std::string& key : dirty_) {
    const std::string value = values_.at(key).dump();
    sqlite3_bind_text(upsert, 1, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(upsert, 2, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    const int status = sqlite3_step(upsert);
    sqlite3_reset(upsert);
    if (status != SQLITE_DONE) {
      sqlite3_finalize(upsert);
      exec(db_, "ROLLBACK");
      throw ToolError(std::string("state store: cannot write '") + key + "'");
    }
  }
  sqlite3_finalize(upsert);
  exec(db_, "COMMIT");
  const std::size_t written = dirty_.size();
  dirty_.clear();
  return written;
}

std::size_t StateStore::load() {
  const std::unique_lock lock(mutex_);
  values_.clear();
  dirty_.clear();
  sqlite3_stmt* select = nullptr;
  sqlite3_prepare_v2(db_, "SELECT key, value FROM state", -1, &select, nullptr);
  while (sqlite3_step(select) == SQLITE_ROW) {
    values_[reinterpret_cast<const char*>(sqlite3_column_text(select, 0))] =
        json::parse(reinterpret_cast<const char*>(sqlite3_column_text(select, 1)));
  }
  sqlite3_finalize(select);
  return values_.size();
}

std::size_t StateStore::migrate(
    const std::function<json(const std::string& key, json value)>& upgrade) {
  std::vector<std::pair<std::string, std::string>> rewritten;
  {
    sqlite3_stmt* select = nullptr;
    sqlite3_prepare_v2(db_, "SELECT key, value FROM state", -1, &select, nullptr);
    while (sqlite3_step(select) == SQLITE_ROW) {
      const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(select, 0));
      rewritten.emplace_back(
          key,
          upgrade(key, json::parse(reinterpret_cast<const char*>(sqlite3_column_text(select, 1))))
              .dump());
    }
    sqlite3_finalize(select);
  }
  exec(db_, "BEGIN IMMEDIATE");
  sqlite3_stmt* update = nullptr;
  sqlite3_prepare_v2(db_, "UPDATE state SET value = ? WHERE key = ?", -1, &update, nullptr);
  for (const auto& [key, value] : rewritten) {
    sqlite3_bind_text(update, 1, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(update, 2, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    const int status = sqlite3_step(update);
    sqlite3_reset(update);
    if (status != SQLITE_DONE) {
      sqlite3_finalize(update);
      exec(db_, "ROLLBACK");
      throw ToolError("state store: cannot migrate '" + key + "'");
    }
  }
  sqlite3_finalize(update);
  exec(db_, "COMMIT");
  load();
  return rewritten.size();
}

// ---- Sessions

void Sessions::create(const std::string& id, const json& metadata, std::int64_t now) {
  const std::string key = "session." + id;
  if (state_.read(key))
    throw ToolError("session '" + id + "' exists already");
  state_.write(key,
               {{"id", id}, {"created", now}, {"metadata", metadata}, {"turns", json::array()}});
}

void Sessions::add_turn(const std::string& id, const std::string& role, const std::string& text) {
  const std::string key = "session." + id;
  std::optional<json> session = state_.read(key);
  if (!session)
    throw ToolError("no session '" + id + "'");
  (*session)["turns"].push_back({{"role", role}, {"text", text}});
  state_.write(key, std::move(*session));
}

// ---- Kernel

Kernel::Kernel(const std::string& state_path, bool with_builtin_tools) : state_(state_path) {
  if (with_builtin_tools)
    add_builtin_tools(tools_);
}

Reply Kernel::handle(const Request& request) {
  Reply reply;
  reply.id = request.id;
  auto describe = [](const Tool& tool) {
    return json{
        {"name", tool.name}, {"category", tool.category}, {"description", tool.description}};
  };
  try {
    if (request.kind == "tool_call") {
      const Tool* tool = tools_.find(request.tool);
      if (tool == nullptr)
        throw ToolError("no tool named '" + request.tool + "'");
      if (std::string denied = policy_.evaluate(request.caller, *tool); !denied.empty())
        throw ToolError(denied);
      const HookContext context{request, *tool};
      if (std::string veto = hooks_.run_before(context); !veto.empty())
        throw ToolError("vetoed: " + veto);
      reply.result = tool->run(request.arguments);
      hooks_.run_after(context, reply.result);
      events_.publish("tool." + tool->name + ".completed", {{"caller", request.caller}});
    } else if (request.kind == "tool_info") {
      const Tool* tool = tools_.find(request.tool);
      if (tool == nullptr)
        throw ToolError("no tool named '" + request.tool + "'");
      reply.result = describe(*tool);
    } else if (request.kind == "tool_search" || request.kind == "list_tools") {
      reply.result = json::array();
      for (const Tool* tool : request.kind == "tool_search" ? tools_.search(request.query)
                                                            : tools_.list(request.query)) {
        reply.result.push_back(describe(*tool));
      }
    } else {
      throw ToolError("unknown request kind '" + request.kind + "'");
    }
    reply.ok = true;
  } catch (const ToolError& e) {
    reply.error = e.what();
  } catch (const std::exception& e) {
    reply.error = std::string("tool failed: ") + e.what();
  }
  return reply;
}

std::string Kernel::handle(const std::string& request_text) {
  Request request;
  try {
    request = parse_request(request_text);
  } catch (const ToolError& e) {
    return serialize(Reply{0, false, nullptr, e.what()});
  }
  return serialize(handle(request));
}

// ---- Transport

InProcessTransport::InProcessTransport(Kernel& kernel)
    : kernel_(kernel), thread_([this] { serve(); }) {}

InProcessTransport::~InProcessTransport() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_one();
  thread_.join();
}

std::future<std::string> InProcessTransport::send(std::string request_text) {
  std::promise<std::string> reply;
  std::future<std::string> future = reply.get_future();
  {
    const std::lock_guard lock(mutex_);
    queue_.emplace(std::move(request_text), std::move(reply));
  }
  ready_.notify_one();
  return future;
}

void InProcessTransport::serve() {
  while (true) {
    std::pair<std::string, std::promise<std::string>> next;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty())
        return;  // stopping, and nothing left to answer
      next = std::move(queue_.front());
      queue_.pop();
    }
    next.second.set_value(kernel_.handle(next.first));
  }
}

}  // namespace kernel
