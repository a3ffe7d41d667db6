#include <gtest/gtest.h>

#include "templates/execution.h"
#include "templates/library.h"

namespace templates {
namespace {

Template greeting() {
  Template t;
  t.name = "chat/greeting";
  t.category = "chat";
  t.description = "Greets a user";
  t.tags = {"hello"};
  t.parameters = {{"name", ParameterType::string, true, std::nullopt, ""},
                  {"times", ParameterType::integer, false, "1", ""},
                  {"loud", ParameterType::boolean, false, "false", ""},
                  {"items", ParameterType::list, false, "[]", ""}};
  t.steps = {{"hello", "Hello {{name}}{{#loud}}!{{/loud}} x{{times}}"},
             {"list", "{{#items}}[{{.}}]{{/items}}{{^items}}none{{/items}}"},
             {"echo", "{{steps.hello}} / {{{name}}}"}};
  return t;
}

std::string error_of(const Template& t, const nlohmann::json& parameters) {
  try {
    instantiate(t, parameters);
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "";
}

TEST(TemplateRegistry, LooksUpByNameAndSearchesByTextAndCategory) {
  const TemplateRegistry registry = make_registry(100);
  EXPECT_EQ(registry.size(), 100u);
  ASSERT_NE(registry.find("code/literature-review-0001"), nullptr);
  EXPECT_EQ(registry.find("code/literature-review-0001")->category, "code");
  EXPECT_EQ(registry.find("nope"), nullptr);
  EXPECT_THROW(registry.get("nope"), TemplateError);

  const auto reviews = registry.search("CODE-REVIEW", "", 1000);
  EXPECT_FALSE(reviews.empty());
  for (const Template* t : reviews)
    EXPECT_NE(t->name.find("code-review"), std::string::npos) << t->name;
  const auto in_category = registry.search("review", "data", 1000);
  for (const Template* t : in_category)
    EXPECT_EQ(t->category, "data");
  EXPECT_EQ(registry.search("review", "", 3).size(), 3u);
  EXPECT_TRUE(registry.search("no-such-template").empty());
}

TEST(TemplateRegistry, RefusesDuplicatesAndBrokenTemplates) {
  TemplateRegistry registry;
  registry.add(greeting());
  EXPECT_THROW(registry.add(greeting()), TemplateError);
  Template broken = greeting();
  broken.name = "broken";
  broken.steps = {{"bad", "{{#open}} never closed"}};
  EXPECT_THROW(registry.add(broken), TemplateError);
  Template empty = greeting();
  empty.name = "empty";
  empty.steps.clear();
  EXPECT_THROW(registry.add(empty), TemplateError);
}

TEST(Instantiation, RejectsMissingMistypedAndUnknownParameters) {
  const Template t = greeting();
  EXPECT_EQ(error_of(t, nlohmann::json::object()),
            "template 'chat/greeting': parameter 'name' (string) is required");
  EXPECT_EQ(error_of(t, {{"name", 42}}),
            "template 'chat/greeting': parameter 'name' must be string, got integer");
  EXPECT_EQ(error_of(t, {{"name", "a"}, {"times", 1.5}}),
            "template 'chat/greeting': parameter 'times' must be integer, got number");
  EXPECT_EQ(error_of(t, {{"name", "a"}, {"extra", 1}}),
            "template 'chat/greeting': unknown parameter 'extra'");
  EXPECT_EQ(error_of(t, nlohmann::json::array()),
            "template 'chat/greeting': parameters must be an object, got array");
  const ExecutionContext context = instantiate(t, {{"name", "Ada"}});
  EXPECT_EQ(context.parameters["times"], 1) << "defaults applied";
  EXPECT_EQ(context.parameters["loud"], false);
}

TEST(Execution, RendersStepsInOrderAndEscapesAsMustacheSays) {
  const Template t = greeting();
  const ExecutionResult result = execute(instantiate(
      t, {{"name", "<Ada & Bob>"}, {"loud", true}, {"times", 2}, {"items", {"a", "b"}}}));
  ASSERT_EQ(result.outputs.size(), 3u);
  EXPECT_EQ(result.outputs[0], "Hello &lt;Ada &amp; Bob&gt;! x2") << "{{x}} escapes HTML";
  EXPECT_EQ(result.outputs[1], "[a][b]");
  EXPECT_EQ(result.outputs[2], "Hello &amp;lt;Ada &amp;amp; Bob&amp;gt;! x2 / <Ada & Bob>")
      << "an earlier output is data like any other; {{{x}}} does not escape";
  EXPECT_EQ(execute(instantiate(t, {{"name", "x"}})).outputs[1], "none");
}

TEST(Execution, EveryLibraryTemplateRunsWithSampleParameters) {
  for (const Template& t : make_library(12)) {
    const ExecutionResult result = execute(instantiate(t, sample_parameters(t)));
    ASSERT_EQ(result.outputs.size(), 3u) << t.name;
    EXPECT_NE(result.outputs[1].find("cites hnsw.pdf"), std::string::npos) << result.outputs[1];
    EXPECT_NE(result.outputs[2].find("check Draft"), std::string::npos) << result.outputs[2];
  }
}

}  // namespace
}  // namespace templates
