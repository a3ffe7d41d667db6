#include "memory/vector_index.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <queue>
#include <set>

namespace memory {

void ExactIndex::add(std::uint64_t id, const float* vector) {
  ids_.push_back(id);
  vectors_.insert(vectors_.end(), vector, vector + dimension_);
}

std::vector<Neighbour> ExactIndex::search(const float* query, std::size_t k) const {
  // A max-heap of the best k so far: one pass, no full sort.
  auto farther = [](const Neighbour& a, const Neighbour& b) { return a.distance < b.distance; };
  std::priority_queue<Neighbour, std::vector<Neighbour>, decltype(farther)> best(farther);
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const float* row = vectors_.data() + i * dimension_;
    float dot = 0;
    for (std::size_t d = 0; d < dimension_; ++d)
      dot += row[d] * query[d];
    const float distance = 1.0f - dot;
    if (best.size() < k) {
      best.push({ids_[i], distance});
    } else if (distance < best.top().distance) {
      best.pop();
      best.push({ids_[i], distance});
    }
  }
  std::vector<Neighbour> result(best.size());
  for (std::size_t i = result.size(); i > 0; --i) {
    result[i - 1] = best.top();
    best.pop();
  }
  return result;
}

HnswIndex::HnswIndex(std::size_t dimension, const HnswParameters& parameters)
    : space_(std::make_unique<hnswlib::InnerProductSpace>(dimension)),
      index_(std::make_unique<hnswlib::HierarchicalNSW<float>>(
          space_.get(), parameters.max_elements, parameters.m, parameters.ef_construction)),
      ef_search_(parameters.ef_search) {
  index_->setEf(ef_search_);
}

HnswIndex::HnswIndex(std::size_t dimension, std::size_t ef_search, const std::string& path)
    : space_(std::make_unique<hnswlib::InnerProductSpace>(dimension)),
      index_(std::make_unique<hnswlib::HierarchicalNSW<float>>(space_.get(), path)),
      ef_search_(ef_search) {
  index_->setEf(ef_search_);
}

HnswIndex::~HnswIndex() = default;

void HnswIndex::add(std::uint64_t id, const float* vector) {
  // hnswlib allocates for a fixed capacity: grow it by doubling, as a vector does.
  if (index_->cur_element_count >= index_->max_elements_)
    index_->resizeIndex(2 * index_->max_elements_);
  index_->addPoint(vector, id);
}

std::vector<Neighbour> HnswIndex::search(const float* query, std::size_t k) const {
  auto found = index_->searchKnn(query, k);
  std::vector<Neighbour> result(found.size());
  for (std::size_t i = result.size(); i > 0; --i) {
    result[i - 1] = {found.top().second, found.top().first};
    found.pop();
  }
  return result;
}

std::size_t HnswIndex::size() const {
  return index_->cur_element_count;
}

void HnswIndex::set_ef_search(std::size_t ef) {
  ef_search_ = ef;
  index_->setEf(ef);
}

void HnswIndex::save(const std::string& path) const {
  index_->saveIndex(path);
}

std::unique_ptr<HnswIndex> HnswIndex::load(std::size_t dimension, const std::string& path,
                                           std::size_t ef_search) {
  return std::unique_ptr<HnswIndex>(new HnswIndex(dimension, ef_search, path));
}

double recall(const std::vector<Neighbour>& exact, const std::vector<Neighbour>& found) {
  if (exact.empty())
    return 1.0;
  std::set<std::uint64_t> truth;
  for (const Neighbour& n : exact)
    truth.insert(n.id);
  const auto hits = std::count_if(found.begin(), found.end(),
                                  [&](const Neighbour& n) { return truth.contains(n.id); });
  return static_cast<double>(hits) / static_cast<double>(exact.size());
}

}  // namespace memory
