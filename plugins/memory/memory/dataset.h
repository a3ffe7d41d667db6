// Deterministic data for the memory benchmarks: clustered unit vectors (as embeddings of related
// texts are), so that recall measures something, and a hashing embedding of text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace memory {

constexpr std::size_t kDimension = 384;

struct VectorSet {
  std::size_t dimension = kDimension;
  std::vector<float> values;  // row-major, one unit vector per row

  std::size_t size() const { return values.size() / dimension; }
  const float* row(std::size_t index) const { return values.data() + index * dimension; }
};

// `count` unit vectors around `clusters` random centres (Gaussian spread `spread`), from `seed`.
// The same arguments always give the same vectors.
VectorSet clustered_vectors(std::size_t count, std::size_t clusters, std::uint64_t seed,
                            std::size_t dimension = kDimension, float spread = 1.0f);

// Scales a vector to unit length (a zero vector stays zero).
void normalize(float* vector, std::size_t dimension);

// A bag-of-words embedding by feature hashing: each lowercased word adds ±1 to a hashed dimension,
// then the vector is normalized. Texts sharing words get similar vectors.
std::vector<float> embed_text(std::string_view text, std::size_t dimension = kDimension);

}  // namespace memory
