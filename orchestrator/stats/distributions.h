// The distributions the statistics use, computed in double precision: Boost.Math's default policy
// promotes a double to long double inside, which made its incomplete beta function the largest
// part of comparing 1,000 benchmarks (a fifth of the time in powl alone) for digits no verdict
// reads.
#pragma once

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace benchctl::stats {

using DoublePrecision = boost::math::policies::policy<boost::math::policies::promote_float<false>,
                                                      boost::math::policies::promote_double<false>>;
using StudentT = boost::math::students_t_distribution<double, DoublePrecision>;
using Normal = boost::math::normal_distribution<double, DoublePrecision>;

// The t quantile at probability `p` (degrees of freedom beyond 10⁶ taken as 10⁶; below 0.5, 0.5).
double t_quantile(double df, double p);
// Two-sided p-value of a t statistic, with the same degrees of freedom.
double t_p_value(double t, double df);

}  // namespace benchctl::stats
