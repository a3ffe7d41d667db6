// Where a series of figures (a benchmark's per-run figures, night after night) changed level.
//
// Candidates come from E-divisive means (Matteson & James 2014, as Apache Otava uses it): the
// split that maximises the energy distance between the two sides, weighted by their sizes, found
// again within each side (binary segmentation). Each candidate is tested, as Otava does, with a
// t-test of the two sides' means (of logs: changes are relative), here with the spread pooled and
// the p-value multiplied by the number of splits the candidate was chosen from; the caller
// corrects the p-values of every candidate of every benchmark together. A side must hold
// `min_segment` points, so that one odd night is never a level of its own.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "stats/bootstrap.h"

namespace benchctl::stats {

struct ChangePointOptions {
  std::size_t min_segment = 3;  // points on each side of a change, at least
  double alpha = 0.01;          // a candidate is searched within its sides when p is below it
  double confidence = 0.95;     // of the interval of the change
  std::size_t max_change_points = 16;
};

struct ChangePoint {
  std::size_t index = 0;                          // the first point of the new level
  std::size_t before_count = 0, after_count = 0;  // the points of the two sides tested
  double before = 0, after = 0;                   // the sides' medians
  double ratio = 1;                               // exp(mean log after - mean log before)
  Interval interval;
  double p_value = 1;
};

// The index in [min_segment, n - min_segment] that maximises the E-divisive statistic (exponent
// 1) of the split before it; none when the series is too short.
std::optional<std::size_t> best_split(const std::vector<double>& values, std::size_t min_segment);

// Every candidate of the binary segmentation of `values` (positive figures), in index order, each
// tested against the neighbouring segments it separates. Candidates whose p-value reaches alpha
// end the search on their side but are returned too, for the caller's correction.
std::vector<ChangePoint> change_point_candidates(const std::vector<double>& values,
                                                 const ChangePointOptions& options);

// The test of one split of [begin, end) of `values` (positive figures), as the search tests a
// candidate chosen from that segment: its p-value multiplied by the splits the segment offers.
// Another series' change is tested here across the same sides.
ChangePoint test_split(const std::vector<double>& values, std::size_t begin, std::size_t split,
                       std::size_t end, const ChangePointOptions& options);

}  // namespace benchctl::stats
