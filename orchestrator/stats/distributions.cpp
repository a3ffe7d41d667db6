#include "stats/distributions.h"

#include <algorithm>
#include <cmath>

namespace benchctl::stats {
namespace {

double usable_df(double df) {
  if (!std::isfinite(df) || df > 1e6)
    return 1e6;
  return std::max(df, 0.5);
}

}  // namespace

double t_quantile(double df, double p) {
  return boost::math::quantile(StudentT(usable_df(df)), p);
}

double t_p_value(double t, double df) {
  return 2 * boost::math::cdf(boost::math::complement(StudentT(usable_df(df)), std::abs(t)));
}

}  // namespace benchctl::stats
