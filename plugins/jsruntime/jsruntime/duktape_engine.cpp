// The Duktape implementation of ScriptEngine. Every call into the engine is protected (pcompile,
// pcall), so a script error comes back as ScriptError and never reaches Duktape's fatal handler.
#include <duktape.h>

#include <cstring>

#include "jsruntime/script_engine.h"

namespace jsruntime {
namespace {

class DuktapeEngine;

// The engine behind a Duktape context, kept in the global stash.
DuktapeEngine* engine_of(duk_context* ctx);

class DuktapeEngine final : public ScriptEngine {
 public:
  explicit DuktapeEngine(HostApi host) : host_(std::move(host)), ctx_(duk_create_heap_default()) {
    if (ctx_ == nullptr)
      throw ScriptError("duktape: cannot create a heap");
    duk_push_global_stash(ctx_);
    duk_push_pointer(ctx_, this);
    duk_put_prop_string(ctx_, -2, "engine");
    duk_pop(ctx_);
    register_function("__host_call_tool", host_call_tool, 2);
    register_function("__host_job_queued", host_job_queued, 0);
    register_function("__host_noop", host_noop, 0);
  }
  ~DuktapeEngine() override { duk_destroy_heap(ctx_); }
  DuktapeEngine(const DuktapeEngine&) = delete;
  DuktapeEngine& operator=(const DuktapeEngine&) = delete;

  std::string name() const override { return "duktape " + std::to_string(DUK_VERSION); }

  void evaluate(const std::string& source, const std::string& filename) override {
    compile_to_function(source, filename);
    run_function_on_stack();
  }

  std::vector<char> compile(const std::string& source, const std::string& filename) override {
    compile_to_function(source, filename);
    duk_dump_function(ctx_);
    duk_size_t size = 0;
    const auto* bytes = static_cast<const char*>(duk_get_buffer_data(ctx_, -1, &size));
    std::vector<char> bytecode(bytes, bytes + size);
    duk_pop(ctx_);
    return bytecode;
  }

  void evaluate_compiled(const std::vector<char>& bytecode) override {
    void* buffer = duk_push_fixed_buffer(ctx_, bytecode.size());
    std::memcpy(buffer, bytecode.data(), bytecode.size());
    duk_load_function(ctx_);
    run_function_on_stack();
  }

  std::string call(const std::string& function, const std::string& argument) override {
    if (!duk_get_global_lstring(ctx_, function.data(), function.size())) {
      duk_pop(ctx_);
      throw ScriptError("no global function '" + function + "'");
    }
    duk_push_lstring(ctx_, argument.data(), argument.size());
    if (duk_pcall(ctx_, 1) != DUK_EXEC_SUCCESS)
      throw_error_on_stack();
    duk_size_t length = 0;
    const char* text = duk_safe_to_lstring(ctx_, -1, &length);
    std::string result(text, length);
    duk_pop(ctx_);
    return result;
  }

  std::size_t run_pending_jobs() override {
    if (queued_ == 0)
      return 0;  // the common case, answered without entering the engine
    queued_ = 0;
    return static_cast<std::size_t>(std::stoul(call("__run_jobs", "")));
  }

  const HostApi& host() const { return host_; }
  void job_queued() { ++queued_; }

 private:
  void register_function(const char* name, duk_c_function function, duk_idx_t arguments) {
    duk_push_c_function(ctx_, function, arguments);
    duk_put_global_string(ctx_, name);
  }

  void compile_to_function(const std::string& source, const std::string& filename) {
    duk_push_lstring(ctx_, source.data(), source.size());
    duk_push_lstring(ctx_, filename.data(), filename.size());
    if (duk_pcompile(ctx_, 0) != DUK_EXEC_SUCCESS)
      throw_error_on_stack();
  }

  void run_function_on_stack() {
    if (duk_pcall(ctx_, 0) != DUK_EXEC_SUCCESS)
      throw_error_on_stack();
    duk_pop(ctx_);
  }

  [[noreturn]] void throw_error_on_stack() {
    // "Error: message\n    at file:line" — the first two lines name what and where.
    std::string trace = duk_safe_to_stacktrace(ctx_, -1);
    duk_pop(ctx_);
    std::size_t cut = trace.find('\n');
    if (cut != std::string::npos)
      cut = trace.find('\n', cut + 1);
    throw ScriptError(trace.substr(0, cut));
  }

  static duk_ret_t host_call_tool(duk_context* ctx) {
    const std::string tool = duk_require_string(ctx, 0);
    const std::string arguments = duk_require_string(ctx, 1);
    std::string result;
    try {
      result = engine_of(ctx)->host().call_tool(tool, arguments);
    } catch (const std::exception& e) {
      return duk_error(ctx, DUK_ERR_ERROR, "%s", e.what());  // becomes a JavaScript exception
    }
    duk_push_lstring(ctx, result.data(), result.size());
    return 1;
  }

  static duk_ret_t host_job_queued(duk_context* ctx) {
    engine_of(ctx)->job_queued();
    return 0;
  }

  static duk_ret_t host_noop(duk_context*) { return 0; }

  HostApi host_;
  duk_context* ctx_;
  std::size_t queued_ = 0;
};

DuktapeEngine* engine_of(duk_context* ctx) {
  duk_push_global_stash(ctx);
  duk_get_prop_string(ctx, -1, "engine");
  auto* engine = static_cast<DuktapeEngine*>(duk_get_pointer(ctx, -1));
  duk_pop_2(ctx);
  return engine;
}

}  // namespace

std::unique_ptr<ScriptEngine> make_duktape_engine(HostApi host) {
  return std::make_unique<DuktapeEngine>(std::move(host));
}

}  // namespace jsruntime
