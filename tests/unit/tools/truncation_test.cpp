#include "toolkit/truncation.h"

#include <gtest/gtest.h>

#include <string>

namespace toolkit {
namespace {

std::string numbered_lines(int count) {
  std::string text;
  for (int i = 1; i <= count; ++i)
    text += "line " + std::to_string(i) + "\n";
  return text;
}

TEST(Truncation, CountsLinesAsAnEditorDoes) {
  EXPECT_EQ(count_lines(""), 0u);
  EXPECT_EQ(count_lines("a"), 1u);
  EXPECT_EQ(count_lines("a\n"), 1u);
  EXPECT_EQ(count_lines("a\nb"), 2u);
}

TEST(Truncation, HeadKeepsTheFirstLinesWithinTheLineLimit) {
  const std::string text = numbered_lines(10);
  const Truncation t = truncate_head(text, {3, 1000});
  EXPECT_EQ(t.content, "line 1\nline 2\nline 3\n");
  EXPECT_EQ(t.kept_lines, 3u);
  EXPECT_EQ(t.total_lines, 10u);
  EXPECT_EQ(t.total_bytes, text.size());
  EXPECT_TRUE(t.truncated);
}

TEST(Truncation, TailKeepsTheLastLinesWithinTheByteLimit) {
  const std::string text = numbered_lines(10);
  // "line 10\n" is 8 bytes, "line 9\nline 10\n" 15, "line 8\nline 9\nline 10\n" 22.
  EXPECT_EQ(truncate_tail(text, {100, 14}).content, "line 10\n");
  EXPECT_EQ(truncate_tail(text, {100, 21}).content, "line 9\nline 10\n");
  const Truncation t = truncate_tail(text, {100, 22});
  EXPECT_EQ(t.content, "line 8\nline 9\nline 10\n");
  EXPECT_EQ(t.kept_lines, 3u);
  EXPECT_TRUE(t.truncated);
  EXPECT_EQ(truncate_tail(text, {2, 1000}).content, "line 9\nline 10\n");
}

TEST(Truncation, NothingIsCutWhenEverythingFits) {
  const std::string text = numbered_lines(5);
  EXPECT_FALSE(truncate_head(text).truncated);
  EXPECT_EQ(truncate_tail(text).content, text);
  EXPECT_EQ(truncate_head("no newline").content, "no newline");
  EXPECT_EQ(truncate_tail("a\nno newline").content, "a\nno newline");
}

TEST(Truncation, AnOversizedSingleLineIsCutOnACharacterBoundary) {
  const std::string text = "ééééé\n";  // each é is two bytes
  EXPECT_EQ(truncate_head(text, {10, 5}).content, "éé");
  EXPECT_EQ(truncate_tail(text, {10, 4}).content, "é\n");
}

}  // namespace
}  // namespace toolkit
