// A deterministic library of workflow templates, as a project accumulates them: six categories,
// parameters of every type, three-step workflows that use sections, lists and earlier outputs.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <vector>

#include "templates/registry.h"

namespace templates {

// `count` templates; the same count always gives the same templates.
std::vector<Template> make_library(std::size_t count);

// A registry holding make_library(count).
TemplateRegistry make_registry(std::size_t count);

// Parameters that satisfy the template's schema (every required one, some optional ones).
nlohmann::json sample_parameters(const Template& definition);

}  // namespace templates
