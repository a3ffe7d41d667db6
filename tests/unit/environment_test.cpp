// A run's environment: the one converter between the typed record and the JSON both stores keep.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/environment.h"
#include "util/error.h"

namespace benchctl::store {
namespace {

TEST(Environment, ARunsEnvironmentReadsBackAsItWasWrittenUnknownKeysIncluded) {
  const nlohmann::json stored = nlohmann::json::parse(R"({
    "host": "ci-runner", "cpu_model": "EPYC", "cores": 2, "kernel": "Linux 6.1 x86_64",
    "compiler": "g++ 12.2.0", "build_type": "Release", "benchctl_version": "0.1.0",
    "git_commit": "abc123", "git_dirty": false, "valgrind": "valgrind-3.19.0",
    "tuning": {"governor": "performance", "isolated": "1", "nohz_full": ""},
    "load_average": [0.5, 0.25, 0.125], "imported_from": "a.json", "cpu_count": 2})");
  const Environment environment = stored.get<Environment>();
  EXPECT_EQ(environment.host, "ci-runner");
  EXPECT_EQ(environment.cores, 2);
  EXPECT_EQ(environment.git_dirty, false);
  EXPECT_FALSE(environment.dirty());
  ASSERT_TRUE(environment.tuning);
  EXPECT_EQ(environment.tuning->governor, "performance");
  EXPECT_EQ(environment.load_average, (std::vector<double>{0.5, 0.25, 0.125}));
  EXPECT_EQ(environment.other, (nlohmann::json{{"imported_from", "a.json"}, {"cpu_count", 2}}));
  EXPECT_EQ(environment.machine(), "ci-runner (EPYC)");
  EXPECT_EQ(nlohmann::json(environment).dump(), stored.dump());
}

TEST(Environment, WhatARunDidNotRecordStaysAbsent) {
  const Environment environment = nlohmann::json{{"host", "box"}}.get<Environment>();
  EXPECT_FALSE(environment.cpu_model);
  EXPECT_FALSE(environment.git_dirty);
  EXPECT_FALSE(environment.tuning);
  EXPECT_EQ(environment.machine(), "box (unknown CPU)");
  EXPECT_EQ(nlohmann::json(environment).dump(), R"({"host":"box"})");
  EXPECT_EQ(nlohmann::json(Environment{}).dump(), "{}");
}

TEST(Environment, AMachineClassIsTheSeriesWhicheverHostMeasured) {
  const Environment node =
      nlohmann::json::parse(R"({"host": "node-17", "cpu_model": "EPYC", "machine_class": "c6i"})")
          .get<Environment>();
  EXPECT_EQ(node.machine_class, "c6i");
  EXPECT_EQ(node.series().host, "c6i");
  EXPECT_EQ(node.series().cpu_model, kMachineClassSeries);
  EXPECT_EQ(node.machine(), "c6i (machine class)");
  EXPECT_EQ(node.other, nlohmann::json::object());
  const Environment alone =
      nlohmann::json{{"host", "box"}, {"cpu_model", "EPYC"}}.get<Environment>();
  EXPECT_EQ(alone.series().host, "box");
  EXPECT_EQ(alone.series().cpu_model, "EPYC");
}

TEST(Environment, AValueOfTheWrongTypeIsAStorageErrorNamingItsKey) {
  for (const char* text : {R"({"cores": "two"})", R"({"host": 7})", R"({"git_dirty": "yes"})",
                           R"({"load_average": "high"})", R"({"tuning": 3})", "[1, 2]"}) {
    try {
      nlohmann::json::parse(text).get<Environment>();
      ADD_FAILURE() << text << " was read";
    } catch (const StorageError& e) {
      const std::string message = e.what();
      const std::string key = nlohmann::json::parse(text).is_object()
                                  ? nlohmann::json::parse(text).begin().key()
                                  : "environment";
      EXPECT_NE(message.find(key), std::string::npos) << message;
    }
  }
}

TEST(Environment, AStoredOneThatCannotBeReadNamesItsRun) {
  EXPECT_EQ(stored_environment(R"({"host": "box"})", 12).host, "box");
  for (const char* text : {R"({"cores": "two"})", "{not json", "[]"}) {
    try {
      stored_environment(text, 12);
      ADD_FAILURE() << text << " was read";
    } catch (const StorageError& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with("run 12: ")) << e.what();
    }
  }
}

}  // namespace
}  // namespace benchctl::store
