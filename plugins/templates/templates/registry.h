// A template system for agent workflows: templates with metadata and a parameter schema, held in
// a registry that looks them up by name and searches them by text and category.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace templates {

// A template that cannot be registered, found, instantiated or rendered.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ParameterType { string, integer, number, boolean, list };
std::string to_string(ParameterType type);

struct ParameterSpec {
  std::string name;
  ParameterType type = ParameterType::string;
  bool required = true;
  std::optional<std::string> default_json;  // the default as JSON text, when not required
  std::string description;
};

// One step of a template's workflow: a mustache template rendered with the parameters and the
// outputs of the earlier steps ({{steps.<name>}}).
struct Step {
  std::string name;
  std::string text;
};

struct Template {
  std::string name;  // unique: "research/literature-review-042"
  std::string category;
  std::string description;
  std::vector<std::string> tags;
  std::vector<ParameterSpec> parameters;
  std::vector<Step> steps;
};

class TemplateRegistry {
 public:
  // Throws TemplateError for a duplicate name, a template without steps, or a step whose mustache
  // does not parse (so that every registered template can be executed).
  void add(Template definition);

  // Nothing when there is no such template.
  const Template* find(const std::string& name) const;
  // Throws TemplateError naming the missing template.
  const Template& get(const std::string& name) const;

  // Templates whose name, description or a tag contains `text` (case-insensitive), optionally of
  // one category, in registration order, at most `limit`.
  std::vector<const Template*> search(const std::string& text, const std::string& category = "",
                                      std::size_t limit = 20) const;

  std::size_t size() const { return templates_.size(); }

 private:
  std::vector<Template> templates_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::string> lowered_text_;  // name + description + tags, lowercased, per template
};

}  // namespace templates
