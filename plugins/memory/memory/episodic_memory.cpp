#include "memory/episodic_memory.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "memory/dataset.h"

namespace memory {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error("episodic memory: " + what + ": " +
                           (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

std::size_t count_tokens(const std::string& text) {
  std::istringstream words(text);
  std::size_t count = 0;
  for (std::string word; words >> word;)
    ++count;
  return count;
}

EpisodicMemory::EpisodicMemory(const std::string& path, std::unique_ptr<VectorIndex> index)
    : index_(std::move(index)) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    sqlite3_close(db_);
    fail(nullptr, "cannot open " + path);
  }
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA synchronous = NORMAL");
  exec(
      "CREATE TABLE IF NOT EXISTS episodes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, metadata "
      "TEXT NOT NULL, "
      "timestamp INTEGER NOT NULL)");
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO episodes (id, text, metadata, timestamp) VALUES (?, ?, ?, ?)",
                         -1, &insert_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, "SELECT text, metadata, timestamp FROM episodes WHERE id = ?", -1,
                         &select_, nullptr) != SQLITE_OK) {
    fail(db_, "cannot prepare statements");
  }
}

EpisodicMemory::~EpisodicMemory() {
  sqlite3_finalize(insert_);
  sqlite3_finalize(select_);
  sqlite3_close(db_);
}

void EpisodicMemory::exec(const char* sql) const {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
    fail(db_, sql);
}

std::uint64_t EpisodicMemory::store(const std::string& text, const nlohmann::json& metadata,
                                    std::int64_t timestamp) {
  const std::uint64_t id = next_id_++;
  const std::string metadata_text = metadata.dump();
  sqlite3_bind_int64(insert_, 1, static_cast<sqlite3_int64>(id));
  sqlite3_bind_text(insert_, 2, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(insert_, 3, metadata_text.c_str(), static_cast<int>(metadata_text.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_int64(insert_, 4, timestamp);
  const int status = sqlite3_step(insert_);
  sqlite3_reset(insert_);
  if (status != SQLITE_DONE)
    fail(db_, "cannot store an episode");
  index_->add(id, embed_text(text).data());
  return id;
}

std::vector<Episode> EpisodicMemory::retrieve(const std::string& query, std::size_t k) const {
  const std::vector<float> embedding = embed_text(query);
  std::vector<Episode> episodes;
  for (const Neighbour& neighbour : index_->search(embedding.data(), k)) {
    sqlite3_bind_int64(select_, 1, static_cast<sqlite3_int64>(neighbour.id));
    if (sqlite3_step(select_) == SQLITE_ROW) {
      Episode episode;
      episode.id = neighbour.id;
      episode.text = reinterpret_cast<const char*>(sqlite3_column_text(select_, 0));
      episode.metadata =
          nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(select_, 1)));
      episode.timestamp = sqlite3_column_int64(select_, 2);
      episode.similarity = 1.0f - neighbour.distance;
      episodes.push_back(std::move(episode));
    }
    sqlite3_reset(select_);
  }
  return episodes;
}

Context EpisodicMemory::assemble_context(const std::string& query, std::size_t k,
                                         std::size_t token_budget, std::int64_t now,
                                         double half_life) const {
  std::vector<Episode> episodes = retrieve(query, k);
  auto score = [&](const Episode& e) {
    const double age = std::max<double>(0, static_cast<double>(now - e.timestamp));
    return static_cast<double>(e.similarity) * std::exp2(-age / half_life);
  };
  std::stable_sort(episodes.begin(), episodes.end(),
                   [&](const Episode& a, const Episode& b) { return score(a) > score(b); });
  Context context;
  for (const Episode& episode : episodes) {
    const std::size_t tokens = count_tokens(episode.text);
    if (context.tokens + tokens > token_budget)
      continue;  // a shorter one further down may fit
    context.tokens += tokens;
    context.episodes.push_back(episode.id);
    context.text += "[" + std::to_string(episode.timestamp) + "] " + episode.text + "\n";
  }
  return context;
}

}  // namespace memory
