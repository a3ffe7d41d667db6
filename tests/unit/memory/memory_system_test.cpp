#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "memory/dataset.h"
#include "memory/episodic_memory.h"
#include "memory/vector_index.h"

namespace memory {
namespace {

TEST(Dataset, IsDeterministicAndMadeOfUnitVectors) {
  const VectorSet a = clustered_vectors(50, 5, 7);
  const VectorSet b = clustered_vectors(50, 5, 7);
  EXPECT_EQ(a.values, b.values);
  EXPECT_NE(a.values, clustered_vectors(50, 5, 8).values);
  double norm = 0;
  for (std::size_t d = 0; d < a.dimension; ++d)
    norm += a.row(3)[d] * a.row(3)[d];
  EXPECT_NEAR(norm, 1.0, 1e-5);
}

TEST(VectorIndex, ExactSearchReturnsTheNearestFirst) {
  const VectorSet data = clustered_vectors(300, 10, 1);
  ExactIndex index(data.dimension);
  for (std::size_t i = 0; i < data.size(); ++i)
    index.add(i, data.row(i));
  const auto found = index.search(data.row(42), 5);
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].id, 42u);
  EXPECT_NEAR(found[0].distance, 0.0f, 1e-5);
  for (std::size_t i = 1; i < found.size(); ++i)
    EXPECT_LE(found[i - 1].distance, found[i].distance);
}

TEST(VectorIndex, HnswFindsAnInsertedVectorAndGrowsPastItsCapacity) {
  const VectorSet data = clustered_vectors(3000, 30, 2);
  HnswParameters parameters;
  parameters.max_elements = 500;  // doubled three times on the way
  HnswIndex index(data.dimension, parameters);
  for (std::size_t i = 0; i < data.size(); ++i)
    index.add(i, data.row(i));
  EXPECT_EQ(index.size(), 3000u);
  for (std::size_t probe : {0u, 1234u, 2999u}) {
    const auto found = index.search(data.row(probe), 1);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, probe);
  }
}

TEST(VectorIndex, HnswRecallOnClusteredDataStaysAboveTheBudget) {
  constexpr std::size_t kCount = 5000, kQueries = 50;
  const VectorSet data = clustered_vectors(kCount + kQueries, 50, 3);
  ExactIndex exact(data.dimension);
  HnswParameters parameters;
  parameters.max_elements = kCount;
  HnswIndex hnsw(data.dimension, parameters);
  for (std::size_t i = 0; i < kCount; ++i) {
    exact.add(i, data.row(i));
    hnsw.add(i, data.row(i));
  }
  double total = 0;
  for (std::size_t q = 0; q < kQueries; ++q) {
    total += recall(exact.search(data.row(kCount + q), 10), hnsw.search(data.row(kCount + q), 10));
  }
  EXPECT_GE(total / kQueries, 0.95) << "the suites' recall budget";
  hnsw.set_ef_search(10);
  double low = 0;
  for (std::size_t q = 0; q < kQueries; ++q) {
    low += recall(exact.search(data.row(kCount + q), 10), hnsw.search(data.row(kCount + q), 10));
  }
  EXPECT_LE(low, total) << "a smaller candidate list cannot find more";
}

TEST(VectorIndex, RecallCountsSharedNeighbours) {
  EXPECT_DOUBLE_EQ(recall({{1, 0}, {2, 0}, {3, 0}, {4, 0}}, {{4, 0}, {9, 0}, {1, 0}, {8, 0}}), 0.5);
  EXPECT_DOUBLE_EQ(recall({}, {{1, 0}}), 1.0);
}

class EpisodicMemoryTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_ = std::filesystem::temp_directory_path() /
                                ("benchctl-memory-test-" + std::to_string(::getpid()) + ".db");
};

TEST_F(EpisodicMemoryTest, RetrievesBySimilarityAndPersistsMetadata) {
  {
    HnswParameters parameters;
    EpisodicMemory memory(path_.string(), std::make_unique<HnswIndex>(kDimension, parameters));
    memory.store("the deploy failed with a kernel panic", {{"session", 1}}, 100);
    memory.store("lunch menu: soup and bread", {{"session", 2}}, 200);
    memory.store("kernel panic again after the second deploy", {{"session", 3}}, 300);
    const auto found = memory.retrieve("why did the deploy panic", 2);
    ASSERT_EQ(found.size(), 2u);
    for (const Episode& e : found)
      EXPECT_NE(e.text.find("panic"), std::string::npos) << e.text;
    EXPECT_GE(found[0].similarity, found[1].similarity);
    EXPECT_TRUE(found[0].metadata.contains("session"));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT count(*) FROM episodes WHERE json_extract(metadata, '$.session') = 3",
                     -1, &count, nullptr);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(count, 0), 1) << "metadata survives the process";
  sqlite3_finalize(count);
  sqlite3_close(db);
}

TEST_F(EpisodicMemoryTest, ContextAssemblyRespectsTheTokenBudgetAndPrefersRecentEntries) {
  EpisodicMemory memory(path_.string(), std::make_unique<ExactIndex>(kDimension));
  const auto old_id = memory.store("cache miss storm in the index service", {}, 0);
  const auto new_id = memory.store("cache miss storm in the index service again", {}, 86400 * 10);
  memory.store(std::string("cache ") + std::string(200, 'x') + " miss", {}, 86400 * 10);
  for (int i = 0; i < 20; ++i)
    memory.store("cache miss number " + std::to_string(i) + " in a long log line here", {}, i);
  const Context context = memory.assemble_context("cache miss storm", 10, 30, 86400 * 10);
  EXPECT_LE(context.tokens, 30u);
  EXPECT_EQ(context.tokens, count_tokens(context.text) - context.episodes.size())
      << "each line adds one [timestamp] token";
  ASSERT_FALSE(context.episodes.empty());
  EXPECT_EQ(context.episodes.front(), new_id) << "the recent copy outranks the ten-day-old one";
  EXPECT_NE(std::find(context.episodes.begin(), context.episodes.end(), old_id),
            context.episodes.end());
  EXPECT_EQ(memory.assemble_context("cache miss storm", 10, 2, 0).episodes.size(), 0u)
      << "nothing fits in 2 tokens (the shortest entry has 3)";
}

}  // namespace
}  // namespace memory
