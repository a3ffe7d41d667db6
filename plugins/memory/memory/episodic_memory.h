// An agent's episodic memory: entries (text, metadata, timestamp, embedding) whose metadata
// persists in SQLite and whose embeddings go into a vector index, semantic retrieval, and context
// assembly (retrieve, rank by similarity and recency, trim to a token budget, assemble).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "memory/vector_index.h"

struct sqlite3;
struct sqlite3_stmt;

namespace memory {

struct Episode {
  std::uint64_t id = 0;
  std::string text;
  nlohmann::json metadata;
  std::int64_t timestamp = 0;  // seconds
  float similarity = 0;        // to the query, when retrieved
};

struct Context {
  std::string text;
  std::vector<std::uint64_t> episodes;  // in the order assembled
  std::size_t tokens = 0;
};

// Words separated by blanks: the token count a budget is checked against.
std::size_t count_tokens(const std::string& text);

class EpisodicMemory {
 public:
  // Opens (creating) the SQLite database at `path` (":memory:" for none on disk).
  EpisodicMemory(const std::string& path, std::unique_ptr<VectorIndex> index);
  ~EpisodicMemory();
  EpisodicMemory(const EpisodicMemory&) = delete;
  EpisodicMemory& operator=(const EpisodicMemory&) = delete;

  std::uint64_t store(const std::string& text, const nlohmann::json& metadata,
                      std::int64_t timestamp);
  // The k entries most similar to the query, most similar first.
  std::vector<Episode> retrieve(const std::string& query, std::size_t k) const;
  // Retrieves k, ranks by similarity weighted by recency (half-life `half_life` seconds before
  // `now`), and adds entries in rank order while they fit in `token_budget`.
  Context assemble_context(const std::string& query, std::size_t k, std::size_t token_budget,
                           std::int64_t now, double half_life = 86400) const;

  std::size_t size() const { return index_->size(); }

 private:
  void exec(const char* sql) const;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* select_ = nullptr;
  std::unique_ptr<VectorIndex> index_;
  std::uint64_t next_id_ = 1;
};

}  // namespace memory
