#include "toolkit/sse_parser.h"

#include <gtest/gtest.h>

#include <vector>

namespace toolkit {
namespace {

std::vector<SseEvent> parse_in_chunks(const std::string& stream, std::size_t chunk_size) {
  std::vector<SseEvent> events;
  SseParser parser([&](const SseEvent& event) { events.push_back(event); });
  for (std::size_t i = 0; i < stream.size(); i += chunk_size)
    parser.feed(std::string_view(stream).substr(i, chunk_size));
  parser.finish();
  return events;
}

TEST(SseParser, ParsesEveryFieldAndJoinsMultiLineData) {
  const std::string stream =
      ": a comment\r\n"
      "retry: 3000\r\n"
      "event: update\r\n"
      "id: 7\r\n"
      "data: first\r\n"
      "data:second\r\n"
      "\r\n"
      "data: plain\n\n";
  for (std::size_t chunk : {stream.size(), std::size_t{1}, std::size_t{2}, std::size_t{5}}) {
    const auto events = parse_in_chunks(stream, chunk);
    ASSERT_EQ(events.size(), 2u) << "chunk size " << chunk;
    EXPECT_EQ(events[0].type, "update");
    EXPECT_EQ(events[0].data, "first\nsecond");
    EXPECT_EQ(events[0].last_event_id, "7");
    EXPECT_EQ(events[1].type, "message");
    EXPECT_EQ(events[1].data, "plain");
    EXPECT_EQ(events[1].last_event_id, "7") << "the last event id persists";
  }
}

TEST(SseParser, AcceptsBareCarriageReturnsAsLineEnds) {
  const auto events = parse_in_chunks("data: a\rdata: b\r\rdata: c\r\r", 3);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data, "a\nb");
  EXPECT_EQ(events[1].data, "c");
}

TEST(SseParser, FollowsTheSpecOnEdgeCases) {
  std::vector<SseEvent> events;
  SseParser parser([&](const SseEvent& e) { events.push_back(e); });
  parser.feed("event: ping\n\n");              // no data: nothing dispatched, type reset
  parser.feed("data\n\n");                     // a field without a colon: empty data line
  parser.feed("retry: soon\nunknown: x\n\n");  // ignored fields
  parser.feed("data: unfinished");
  parser.finish();  // an incomplete event is discarded
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");
  EXPECT_EQ(events[0].data, "");
  EXPECT_FALSE(parser.retry_ms());
  parser.feed("retry: 1500\n");
  EXPECT_EQ(parser.retry_ms(), 1500);
}

}  // namespace
}  // namespace toolkit
