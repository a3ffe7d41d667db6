// Vector search backends behind one interface: exact brute force ("inmemory", the baseline) and
// HNSW (hnswlib), both on cosine similarity of unit vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hnswlib {
template <typename T>
class HierarchicalNSW;
class InnerProductSpace;
}  // namespace hnswlib

namespace memory {

struct Neighbour {
  std::uint64_t id = 0;
  float distance = 0;  // 1 - cosine similarity: 0 is identical
};

class VectorIndex {
 public:
  virtual ~VectorIndex() = default;
  virtual std::string name() const = 0;
  virtual void add(std::uint64_t id, const float* vector) = 0;
  // The k nearest, closest first.
  virtual std::vector<Neighbour> search(const float* query, std::size_t k) const = 0;
  virtual std::size_t size() const = 0;
};

class ExactIndex final : public VectorIndex {
 public:
  explicit ExactIndex(std::size_t dimension) : dimension_(dimension) {}
  std::string name() const override { return "inmemory"; }
  void add(std::uint64_t id, const float* vector) override;
  std::vector<Neighbour> search(const float* query, std::size_t k) const override;
  std::size_t size() const override { return ids_.size(); }

 private:
  std::size_t dimension_;
  std::vector<std::uint64_t> ids_;
  std::vector<float> vectors_;
};

struct HnswParameters {
  std::size_t max_elements = 1000;    // initial capacity; doubled when full
  std::size_t m = 16;                 // links per node
  std::size_t ef_construction = 100;  // candidate list while building
  std::size_t ef_search = 64;         // candidate list while searching (>= k)
};

class HnswIndex final : public VectorIndex {
 public:
  HnswIndex(std::size_t dimension, const HnswParameters& parameters);
  ~HnswIndex() override;
  std::string name() const override { return "hnsw"; }
  void add(std::uint64_t id, const float* vector) override;
  std::vector<Neighbour> search(const float* query, std::size_t k) const override;
  std::size_t size() const override;
  void set_ef_search(std::size_t ef);

  // hnswlib's own file format, so that a large index is built once and loaded after.
  void save(const std::string& path) const;
  static std::unique_ptr<HnswIndex> load(std::size_t dimension, const std::string& path,
                                         std::size_t ef_search);

 private:
  HnswIndex(std::size_t dimension, std::size_t ef_search, const std::string& path);
  std::unique_ptr<hnswlib::InnerProductSpace> space_;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> index_;
  std::size_t ef_search_;
};

// The fraction of the exact k nearest neighbours that `found` contains (recall@k).
double recall(const std::vector<Neighbour>& exact, const std::vector<Neighbour>& found);

}  // namespace memory
