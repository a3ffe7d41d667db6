// Instantiating a template (validating parameters against its schema into an execution context)
// and executing it (rendering its steps in order, each seeing the earlier steps' outputs). No
// network call is made: what is measured is the template system's own overhead.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "templates/registry.h"

namespace templates {

struct ExecutionContext {
  const Template* definition = nullptr;
  nlohmann::json parameters;  // every parameter, defaults applied
};

// Throws TemplateError naming the parameter: a missing required one, an unknown one, or one whose
// value does not have the declared type.
ExecutionContext instantiate(const Template& definition, const nlohmann::json& parameters);

struct ExecutionResult {
  std::vector<std::string> outputs;  // one per step
};

ExecutionResult execute(const ExecutionContext& context);

}  // namespace templates
