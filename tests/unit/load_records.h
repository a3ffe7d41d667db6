// A load test's stored result built by hand, one process, second by second: what the load
// figures and the reports of load tests are tested on.
#pragma once

#include <functional>
#include <optional>

#include "store/records.h"

namespace benchctl::testing {

// What one second of the synthetic process holds.
struct SecondSpec {
  int requests = 1000;
  double latency = 1e-3;  // every request's, seconds
  int slow = 0;           // of them, this many take `slow_latency`
  double slow_latency = 0.1;
  double rss = 10e6;
};

inline store::ResultRecord load_result(const store::LoadSpec& spec, int seconds,
                                       const std::function<SecondSpec(int)>& second_of) {
  store::ResultRecord result;
  result.name = "peak";
  result.kind = store::ResultKind::load;
  result.status = store::ResultStatus::ok;
  result.settings.load = spec;
  store::ProcessRecord& process = result.processes.emplace_back();
  store::LoadRecord& load = process.load.emplace();
  LatencyHistogram whole;
  for (int s = 0; s < seconds; ++s) {
    const SecondSpec spec_of = second_of(s);
    LatencyHistogram histogram;
    double sum = 0;
    for (int r = 0; r < spec_of.requests; ++r) {
      const double latency = r < spec_of.slow ? spec_of.slow_latency : spec_of.latency;
      histogram.add(static_cast<std::uint64_t>(latency * 1e9));
      sum += latency;
    }
    whole.merge(histogram);
    process.samples.push_back({s,
                               spec_of.requests,
                               spec_of.requests > 0 ? std::optional<double>(sum) : std::nullopt,
                               0.1,
                               {{"sent", spec_of.requests},
                                {"errors", 0},
                                {"late", spec_of.slow},
                                {"backlog", 0},
                                {"rss_bytes", spec_of.rss}},
                               {}});
    load.seconds.push_back(store::stored_buckets(histogram));
    load.intended += static_cast<std::uint64_t>(spec_of.requests);
    load.sent += static_cast<std::uint64_t>(spec_of.requests);
    load.completed += static_cast<std::uint64_t>(spec_of.requests);
  }
  load.latency = store::stored_buckets(whole);
  return result;
}

}  // namespace benchctl::testing
