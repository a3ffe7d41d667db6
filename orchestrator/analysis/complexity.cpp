#include "analysis/complexity.h"

#include <cmath>
#include <limits>
#include <map>

#include "analysis/metrics.h"
#include "util/error.h"

namespace benchctl::analysis {
namespace {

struct Model {
  const char* name;
  double (*f)(double n);
};

constexpr Model kModels[] = {
    {"O(1)", [](double) { return 1.0; }},
    {"O(log N)", [](double n) { return std::log2(n); }},
    {"O(N)", [](double n) { return n; }},
    {"O(N log N)", [](double n) { return n * std::log2(n); }},
    {"O(N^2)", [](double n) { return n * n; }},
};

}  // namespace

ComplexityFit fit_complexity(const std::vector<std::pair<double, double>>& points) {
  if (points.size() < 3)
    throw Error("a complexity fit needs at least three sizes");
  ComplexityFit best;
  best.points = points;
  best.rms = std::numeric_limits<double>::infinity();
  double mean = 0;
  for (const auto& [n, t] : points)
    mean += t;
  mean /= static_cast<double>(points.size());
  for (const Model& model : kModels) {
    double ft = 0, ff = 0;
    for (const auto& [n, t] : points) {
      ft += model.f(n) * t;
      ff += model.f(n) * model.f(n);
    }
    const double coefficient = ff > 0 ? ft / ff : 0;
    double squares = 0;
    for (const auto& [n, t] : points)
      squares += std::pow(t - coefficient * model.f(n), 2);
    const double rms = std::sqrt(squares / static_cast<double>(points.size())) / mean;
    if (rms < best.rms) {
      best.model = model.name;
      best.coefficient = coefficient;
      best.rms = rms;
    }
  }
  return best;
}

std::vector<ComplexityFit> fit_run_complexity(const store::RunRecord& run) {
  std::map<std::string, std::vector<std::pair<double, double>>> families;
  for (const store::ResultRecord& result : run.results) {
    const std::size_t slash = result.name.rfind('/');
    if (slash == std::string::npos || result.status != store::ResultStatus::ok)
      continue;
    const std::string size = result.name.substr(slash + 1);
    if (size.empty() || size.find_first_not_of("0123456789") != std::string::npos ||
        size.size() > 15)
      continue;
    if (std::stod(size) < 1)
      continue;  // log N is not defined at 0: such a size is a count, not a scale
    const ResultMetrics metrics = compute_metrics(result);
    if (!metrics.time)
      continue;
    families[result.name.substr(0, slash)].emplace_back(std::stod(size), metrics.time->median);
  }
  std::vector<ComplexityFit> fits;
  for (auto& [family, points] : families) {
    if (points.size() < 3)
      continue;
    ComplexityFit fit = fit_complexity(points);
    fit.family = family;
    fits.push_back(std::move(fit));
  }
  return fits;
}

}  // namespace benchctl::analysis
