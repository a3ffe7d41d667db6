#include "templates/execution.h"

#include <kainjow/mustache.hpp>

namespace templates {
namespace {

bool has_type(const nlohmann::json& value, ParameterType type) {
  switch (type) {
    case ParameterType::string:
      return value.is_string();
    case ParameterType::integer:
      return value.is_number_integer();
    case ParameterType::number:
      return value.is_number();
    case ParameterType::boolean:
      return value.is_boolean();
    case ParameterType::list:
      return value.is_array();
  }
  return false;
}

std::string type_of(const nlohmann::json& value) {
  if (value.is_number_integer())
    return "integer";
  return value.type_name();
}

// JSON as mustache data: objects and lists map over, scalars become text; false stays false so
// that {{#flag}} sections work.
kainjow::mustache::data to_data(const nlohmann::json& value) {
  if (value.is_object()) {
    kainjow::mustache::data object;
    for (const auto& [key, item] : value.items())
      object.set(key, to_data(item));
    return object;
  }
  if (value.is_array()) {
    kainjow::mustache::data list{kainjow::mustache::data::type::list};
    for (const auto& item : value)
      list.push_back(to_data(item));
    return list;
  }
  if (value.is_boolean())
    return kainjow::mustache::data(value.get<bool>());
  if (value.is_string())
    return kainjow::mustache::data(value.get<std::string>());
  if (value.is_null())
    return kainjow::mustache::data(false);
  return kainjow::mustache::data(value.dump());
}

}  // namespace

ExecutionContext instantiate(const Template& definition, const nlohmann::json& parameters) {
  if (!parameters.is_object()) {
    throw TemplateError("template '" + definition.name + "': parameters must be an object, got " +
                        type_of(parameters));
  }
  ExecutionContext context;
  context.definition = &definition;
  context.parameters = nlohmann::json::object();
  for (const ParameterSpec& spec : definition.parameters) {
    const auto given = parameters.find(spec.name);
    if (given == parameters.end()) {
      if (spec.required) {
        throw TemplateError("template '" + definition.name + "': parameter '" + spec.name + "' (" +
                            to_string(spec.type) + ") is required");
      }
      context.parameters[spec.name] =
          spec.default_json ? nlohmann::json::parse(*spec.default_json) : nlohmann::json();
      continue;
    }
    if (!has_type(*given, spec.type)) {
      throw TemplateError("template '" + definition.name + "': parameter '" + spec.name +
                          "' must be " + to_string(spec.type) + ", got " + type_of(*given));
    }
    context.parameters[spec.name] = *given;
  }
  for (const auto& [name, value] : parameters.items()) {
    if (!context.parameters.contains(name)) {
      throw TemplateError("template '" + definition.name + "': unknown parameter '" + name + "'");
    }
  }
  return context;
}

ExecutionResult execute(const ExecutionContext& context) {
  ExecutionResult result;
  nlohmann::json view = context.parameters;
  view["steps"] = nlohmann::json::object();
  for (const Step& step : context.definition->steps) {
    kainjow::mustache::mustache renderer(step.text);
    std::string output = renderer.render(to_data(view));
    if (!renderer.is_valid()) {
      throw TemplateError("template '" + context.definition->name + "', step '" + step.name +
                          "': " + renderer.error_message());
    }
    view["steps"][step.name] = output;
    result.outputs.push_back(std::move(output));
  }
  return result;
}

}  // namespace templates
