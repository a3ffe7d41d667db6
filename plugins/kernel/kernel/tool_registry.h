// The kernel's component registry: named tools with a category and a description, each a
// function from JSON arguments to a JSON result, looked up by name, searched and listed.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace kernel {

// A tool refused its arguments or failed; the message says which and why.
class ToolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Tool {
  std::string name;
  std::string category;  // also the capability a caller needs to run it
  std::string description;
  std::function<nlohmann::json(const nlohmann::json& arguments)> run;
};

class ToolRegistry {
 public:
  // Throws ToolError for a duplicate name.
  void add(Tool tool);
  const Tool* find(const std::string& name) const;
  // Tools whose name or description contains `text`, case-insensitively.
  std::vector<const Tool*> search(const std::string& text) const;
  // Every tool, or those of one category, in registration order.
  std::vector<const Tool*> list(const std::string& category = "") const;
  std::size_t size() const { return tools_.size(); }

 private:
  std::vector<Tool> tools_;
  std::unordered_map<std::string, std::size_t> index_;
};

// The built-in tools (47): text, math, JSON, encoding, hashing and the toolkit's truncation, SSE
// parsing, calculator and UUIDs.
void add_builtin_tools(ToolRegistry& registry);

}  // namespace kernel
