#include "templates/registry.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>

namespace templates {
namespace {

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::string to_string(ParameterType type) {
  switch (type) {
    case ParameterType::string:
      return "string";
    case ParameterType::integer:
      return "integer";
    case ParameterType::number:
      return "number";
    case ParameterType::boolean:
      return "boolean";
    case ParameterType::list:
      return "list";
  }
  return "unknown";
}

void TemplateRegistry::add(Template definition) {
  if (index_.contains(definition.name)) {
    throw TemplateError("template '" + definition.name + "' is already registered");
  }
  if (definition.steps.empty())
    throw TemplateError("template '" + definition.name + "' has no steps");
  for (const Step& step : definition.steps) {
    const kainjow::mustache::mustache parsed(step.text);
    if (!parsed.is_valid()) {
      throw TemplateError("template '" + definition.name + "', step '" + step.name +
                          "': " + parsed.error_message());
    }
  }
  std::string text = definition.name + "\n" + definition.description;
  for (const std::string& tag : definition.tags)
    text += "\n" + tag;
  lowered_text_.push_back(lowered(std::move(text)));
  index_.emplace(definition.name, templates_.size());
  templates_.push_back(std::move(definition));
}

const Template* TemplateRegistry::find(const std::string& name) const {
  const auto found = index_.find(name);
  return found == index_.end() ? nullptr : &templates_[found->second];
}

const Template& TemplateRegistry::get(const std::string& name) const {
  if (const Template* found = find(name))
    return *found;
  throw TemplateError("no template named '" + name + "'");
}

std::vector<const Template*> TemplateRegistry::search(const std::string& text,
                                                      const std::string& category,
                                                      std::size_t limit) const {
  const std::string needle = lowered(text);
  std::vector<const Template*> matches;
  for (std::size_t i = 0; i < templates_.size() && matches.size() < limit; ++i) {
    if (!category.empty() && templates_[i].category != category)
      continue;
    if (lowered_text_[i].find(needle) != std::string::npos)
      matches.push_back(&templates_[i]);
  }
  return matches;
}

}  // namespace templates
