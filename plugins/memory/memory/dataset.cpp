#include "memory/dataset.h"

#include <cctype>
#include <cmath>
#include <random>
#include <string>

namespace memory {

void normalize(float* vector, std::size_t dimension) {
  double norm = 0;
  for (std::size_t i = 0; i < dimension; ++i)
    norm += static_cast<double>(vector[i]) * vector[i];
  if (norm == 0)
    return;
  const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
  for (std::size_t i = 0; i < dimension; ++i)
    vector[i] *= scale;
}

VectorSet clustered_vectors(std::size_t count, std::size_t clusters, std::uint64_t seed,
                            std::size_t dimension, float spread) {
  // std::normal_distribution's output is implementation-defined; Box-Muller over mt19937_64's
  // specified sequence keeps the data identical everywhere.
  std::mt19937_64 generator(seed);
  auto uniform = [&] {
    return (static_cast<double>(generator() >> 11) + 0.5) / 9007199254740992.0;
  };
  auto gaussian = [&] {
    return static_cast<float>(std::sqrt(-2.0 * std::log(uniform())) *
                              std::cos(6.283185307179586 * uniform()));
  };
  std::vector<float> centres(clusters * dimension);
  for (float& v : centres)
    v = gaussian();
  for (std::size_t c = 0; c < clusters; ++c)
    normalize(centres.data() + c * dimension, dimension);

  VectorSet set;
  set.dimension = dimension;
  set.values.resize(count * dimension);
  const float noise = spread / std::sqrt(static_cast<float>(dimension));
  for (std::size_t i = 0; i < count; ++i) {
    const float* centre = centres.data() + (generator() % clusters) * dimension;
    float* row = set.values.data() + i * dimension;
    for (std::size_t d = 0; d < dimension; ++d)
      row[d] = centre[d] + noise * gaussian();
    normalize(row, dimension);
  }
  return set;
}

std::vector<float> embed_text(std::string_view text, std::size_t dimension) {
  std::vector<float> vector(dimension, 0.0f);
  std::string word;
  auto add_word = [&] {
    if (word.empty())
      return;
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (char c : word)
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    vector[hash % dimension] += (hash >> 63) != 0 ? 1.0f : -1.0f;
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      add_word();
    }
  }
  add_word();
  normalize(vector.data(), dimension);
  return vector;
}

}  // namespace memory
