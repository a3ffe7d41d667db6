#include "runner/worker_protocol.h"

#include <gtest/gtest.h>

#include "runner/benchmark_filter.h"
#include "util/error.h"

namespace benchctl::runner {
namespace {

TEST(WorkerProtocol, RepetitionRoundTrips) {
  WorkerMessage message;
  message.type = WorkerMessage::Type::repetition;
  message.repetition = {
      "tools/uuid/v4", 1000, 0.25, 0.24, std::nullopt, {{"items_per_second", 4000.0}}};
  const WorkerMessage decoded = decode(encode(message));
  ASSERT_EQ(decoded.type, WorkerMessage::Type::repetition);
  EXPECT_EQ(decoded.repetition.name, "tools/uuid/v4");
  EXPECT_EQ(decoded.repetition.iterations, 1000);
  EXPECT_DOUBLE_EQ(*decoded.repetition.real_seconds, 0.25);
  EXPECT_DOUBLE_EQ(*decoded.repetition.cpu_seconds, 0.24);
  EXPECT_FALSE(decoded.repetition.instructions);
  EXPECT_DOUBLE_EQ(decoded.repetition.counters.at("items_per_second"), 4000.0);
}

TEST(WorkerProtocol, CountedRepetitionsCarryInstructionsInsteadOfTimes) {
  WorkerMessage message;
  message.type = WorkerMessage::Type::repetition;
  message.repetition = {"tools/uuid/v4", 500,       std::nullopt,
                        std::nullopt,    1'234'567, {{"l1_misses", 12.0}}};
  const WorkerMessage decoded = decode(encode(message));
  EXPECT_EQ(decoded.repetition.instructions, 1'234'567);
  EXPECT_FALSE(decoded.repetition.real_seconds);
  EXPECT_THROW(
      decode(R"({"type":"repetition","name":"x","iterations":5,"instructions":-1,"counters":{}})"),
      Error);
}

TEST(WorkerProtocol, DoneAndErrorRoundTrip) {
  WorkerMessage done;
  done.type = WorkerMessage::Type::done;
  done.peak_rss_bytes = 5 << 20;
  EXPECT_EQ(decode(encode(done)).peak_rss_bytes, 5 << 20);
  WorkerMessage error;
  error.type = WorkerMessage::Type::error;
  error.message = "plugin 'x' has no benchmark named 'y'";
  EXPECT_EQ(decode(encode(error)).message, error.message);
}

TEST(WorkerProtocol, EncodesOneLine) {
  WorkerMessage error;
  error.type = WorkerMessage::Type::error;
  error.message = "line one\nline two";
  EXPECT_EQ(encode(error).find('\n'), std::string::npos);
}

TEST(WorkerProtocol, RejectsGarbage) {
  EXPECT_THROW(decode("this is not JSON"), Error);
  EXPECT_THROW(decode("[1, 2]"), Error);
  EXPECT_THROW(decode(R"({"type":"party"})"), Error);
  EXPECT_THROW(decode(R"({"type":"repetition","name":"x"})"), Error);
  EXPECT_THROW(
      decode(
          R"({"type":"repetition","name":"x","iterations":0,"real_seconds":1,"cpu_seconds":1,"counters":{}})"),
      Error);
  EXPECT_THROW(decode(R"({"type":"done","peak_rss_bytes":"lots"})"), Error);
}

TEST(WorkerProtocol, ARequestToTheWorkerModuleRoundTrips) {
  WorkerRequest request;
  request.mode = WorkerRequest::Mode::run;
  request.run.plugin_file = "/plugins/benchctl_tools.so";
  request.run.benchmark = "tools/uuid/v4";
  request.run.repetitions = 5;
  request.run.min_time = 0.25;
  request.run.warmup = 0.5;
  request.run.count_instructions = true;
  request.run.iterations = 1000;
  request.run.callgrind_out = "/tmp/callgrind.out";
  const WorkerRequest back = decode_request(encode(request));
  EXPECT_EQ(back.mode, WorkerRequest::Mode::run);
  EXPECT_EQ(back.run.plugin_file, request.run.plugin_file);
  EXPECT_EQ(back.run.benchmark, "tools/uuid/v4");
  EXPECT_EQ(back.run.repetitions, 5);
  EXPECT_DOUBLE_EQ(back.run.min_time, 0.25);
  EXPECT_DOUBLE_EQ(back.run.warmup, 0.5);
  EXPECT_TRUE(back.run.count_instructions);
  EXPECT_EQ(back.run.iterations, 1000);
  EXPECT_EQ(back.run.callgrind_out, request.run.callgrind_out);
  EXPECT_EQ(decode_request(encode(WorkerRequest{})).mode, WorkerRequest::Mode::describe);
  EXPECT_THROW(decode_request("{}"), Error);
  EXPECT_THROW(decode_request(R"({"mode": "dance"})"), Error);
  EXPECT_THROW(decode_request("not JSON"), Error);
}

TEST(WorkerProtocol, ALoadRequestCarriesItsScenario) {
  WorkerRequest request;
  request.mode = WorkerRequest::Mode::load;
  request.run.plugin_file = "/plugins/benchctl_kernel.so";
  request.load = {"kernel/message", 2000, 30, 3, 2, true, store::LoadBurst{20000, 10, 12}, 1};
  request.seed = 7;
  const WorkerRequest back = decode_request(encode(request));
  EXPECT_EQ(back.mode, WorkerRequest::Mode::load);
  EXPECT_EQ(back.load.operation, "kernel/message");
  EXPECT_DOUBLE_EQ(back.load.rate, 2000);
  EXPECT_DOUBLE_EQ(back.load.ramp_up, 3);
  EXPECT_EQ(back.load.threads, 2);
  EXPECT_TRUE(back.load.poisson);
  ASSERT_TRUE(back.load.burst);
  EXPECT_DOUBLE_EQ(back.load.burst->rate, 20000);
  EXPECT_DOUBLE_EQ(back.load.warmup, 1);
  EXPECT_EQ(back.seed, 7u);
}

TEST(WorkerProtocol, ALoadTestsSecondsAndTotalsRoundTrip) {
  WorkerMessage second;
  second.type = WorkerMessage::Type::load_second;
  second.second = {3, 2, 0.004, 0.25, {{"sent", 3}, {"late", 1}, {"rss_bytes", 8e6}}, {}};
  second.second_latency = {{{1500, 1}, {2500, 1}}, 2510};
  const WorkerMessage back = decode(encode(second));
  EXPECT_EQ(back.type, WorkerMessage::Type::load_second);
  EXPECT_EQ(back.second.repetition, 3);
  EXPECT_EQ(back.second.iterations, 2);
  EXPECT_DOUBLE_EQ(*back.second.real_seconds, 0.004);
  EXPECT_DOUBLE_EQ(*back.second.cpu_seconds, 0.25);
  EXPECT_EQ(back.second.counters, second.second.counters);
  EXPECT_EQ(back.second_latency, second.second_latency);

  WorkerMessage totals;
  totals.type = WorkerMessage::Type::load;
  totals.load.intended = 10;
  totals.load.completed = 9;
  totals.load.dropped = 1;
  totals.load.first_error = "queue full";
  totals.load.latency = {{{100, 9}}, 100};
  const WorkerMessage read = decode(encode(totals));
  EXPECT_EQ(read.type, WorkerMessage::Type::load);
  EXPECT_EQ(read.load.intended, 10u);
  EXPECT_EQ(read.load.dropped, 1u);
  EXPECT_EQ(read.load.first_error, "queue full");
  EXPECT_EQ(read.load.latency, totals.load.latency);

  // A second whose histogram does not hold its completed requests, or whose buckets are out of
  // order, is garbage.
  second.second_latency = {{{1500, 1}}, 1500};
  EXPECT_THROW(decode(encode(second)), Error);
  second.second_latency = {{{2500, 1}, {1500, 1}}, 2500};
  EXPECT_THROW(decode(encode(second)), Error);
}

TEST(WorkerProtocol, ExactFilterEscapesRegexCharacters) {
  EXPECT_EQ(exact_filter("tools/truncation/head/1000"), "^tools/truncation/head/1000$");
  EXPECT_EQ(exact_filter("a/b.c(d)*"), "^a/b\\.c\\(d\\)\\*$");
}

}  // namespace
}  // namespace benchctl::runner
