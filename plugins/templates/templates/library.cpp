#include "templates/library.h"

#include <array>
#include <string>

namespace templates {
namespace {

constexpr std::array<const char*, 6> kCategories = {"research", "code",     "data",
                                                    "chat",     "workflow", "document"};
constexpr std::array<const char*, 8> kSubjects = {
    "literature-review", "code-review", "etl-pipeline", "support-reply",
    "release-notes",     "incident",    "summary",      "migration"};

std::string padded(std::size_t number) {
  std::string text = std::to_string(number);
  return std::string(text.size() < 4 ? 4 - text.size() : 0, '0') + text;
}

}  // namespace

std::vector<Template> make_library(std::size_t count) {
  std::vector<Template> library;
  library.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    Template t;
    t.category = kCategories[i % kCategories.size()];
    const std::string subject = kSubjects[(i / kCategories.size()) % kSubjects.size()];
    t.name = t.category + "/" + subject + "-" + padded(i);
    t.description = "Runs a " + subject + " for the " + t.category + " team, step by step";
    t.tags = {subject, t.category, i % 2 == 0 ? "agent" : "batch"};
    t.parameters = {
        {"topic", ParameterType::string, true, std::nullopt, "what the workflow is about"},
        {"depth", ParameterType::integer, false, "3", "how many passes"},
        {"sources", ParameterType::list, false, "[]", "documents to cite"},
        {"strict", ParameterType::boolean, false, "false", "fail on missing sources"},
        {"temperature", ParameterType::number, false, "0.2", "sampling temperature"},
    };
    t.steps = {
        {"plan", "Plan a " + subject +
                     " of {{topic}} in {{depth}} passes (temperature {{temperature}}).\n"
                     "{{#strict}}Every claim needs a source.\n{{/strict}}"},
        {"draft",
         "Draft for {{topic}}:\n{{#sources}}- cites {{.}}\n{{/sources}}{{^sources}}- no sources "
         "given\n"
         "{{/sources}}Following: {{steps.plan}}"},
        {"review", "Review of the draft ({{topic}}): check {{steps.draft}}"},
    };
    library.push_back(std::move(t));
  }
  return library;
}

TemplateRegistry make_registry(std::size_t count) {
  TemplateRegistry registry;
  for (Template& t : make_library(count))
    registry.add(std::move(t));
  return registry;
}

nlohmann::json sample_parameters(const Template& definition) {
  nlohmann::json parameters = nlohmann::json::object();
  for (const ParameterSpec& spec : definition.parameters) {
    switch (spec.type) {
      case ParameterType::string:
        parameters[spec.name] = "vector search <recall & latency>";
        break;
      case ParameterType::integer:
        parameters[spec.name] = 2;
        break;
      case ParameterType::number:
        parameters[spec.name] = 0.5;
        break;
      case ParameterType::boolean:
        parameters[spec.name] = true;
        break;
      case ParameterType::list:
        parameters[spec.name] = {"hnsw.pdf", "faiss.pdf"};
        break;
    }
  }
  return parameters;
}

}  // namespace templates
