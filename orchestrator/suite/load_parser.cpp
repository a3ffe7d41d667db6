#include "suite/load_parser.h"

#include <benchctl/histogram.h>

#include <fmt/format.h>

#include "util/units.h"

namespace benchctl::suite {
namespace {

constexpr double kHighestRate = 10e6;  // requests per second: beyond it, a typo
constexpr int kMostThreads = 256;
// The driver holds a latency histogram per second and thread, allocated before the run
// (runner/load_driver.cpp): a scenario that would need more is refused rather than left to fail
// for memory in the worker.
constexpr double kMostHistogramBytes = 2e9;

double rate_value(const YamlReader& yaml, const YAML::Node& node, const std::string& key) {
  const auto rate = node.IsScalar() ? parse_request_rate(node.Scalar()) : std::nullopt;
  if (!rate || *rate <= 0 || *rate > kHighestRate) {
    yaml.fail(node, {yaml.file(), 0, 0},
              fmt::format("'{}' is {}, expected requests per second above 0 and at most 10M/s, "
                          "such as 2000/s or 20K/s",
                          key, describe(node)));
  }
  return *rate;
}

double required_duration(const YamlReader& yaml, const YAML::Node& map, const std::string& key,
                         const std::string& what, const SourceLocation& where) {
  if (!map[key]) {
    yaml.fail(map, where,
              fmt::format("{} has no '{}', expected a duration such as 10s", what, key));
  }
  return yaml.duration(map[key], key, false);
}

store::LoadBurst parse_burst(const YamlReader& yaml, const YAML::Node& node,
                             const SourceLocation& parent) {
  const SourceLocation where = yaml.at(node, parent);
  yaml.expect_map(node, where, "burst");
  yaml.check_keys(node, where, {"rate", "duration", "at"}, "burst");
  if (!node["rate"])
    yaml.fail(node, where, "the burst has no 'rate', expected requests per second");
  store::LoadBurst burst;
  burst.rate = rate_value(yaml, node["rate"], "burst rate");
  burst.duration = required_duration(yaml, node, "duration", "the burst", where);
  if (!node["at"])
    yaml.fail(node, where, "the burst has no 'at', expected when it starts, such as 20s");
  burst.at = yaml.duration(node["at"], "at", true);
  return burst;
}

}  // namespace

std::optional<double> parse_request_rate(const std::string& text) {
  if (const auto rate = util::parse_rate(text))
    return rate->is_bytes ? std::nullopt : std::optional<double>(rate->per_second);
  return util::parse_count(text);
}

store::LoadSpec parse_load(const YamlReader& yaml, const YAML::Node& node,
                           const SourceLocation& entry_where) {
  const SourceLocation where = yaml.at(node, entry_where);
  yaml.expect_map(node, where, "load");
  yaml.check_keys(
      node, where,
      {"operation", "rate", "duration", "ramp_up", "threads", "arrival", "burst", "warmup"},
      "load");
  store::LoadSpec load;
  load.operation = yaml.required_string(node, "operation", where);
  if (!node["rate"])
    yaml.fail(node, where, "the load has no 'rate', expected requests per second such as 2000/s");
  load.rate = rate_value(yaml, node["rate"], "rate");
  load.duration = required_duration(yaml, node, "duration", "the load", where);
  if (const YAML::Node threads = node["threads"]) {
    load.threads = yaml.positive_int(threads, "threads");
    if (load.threads > kMostThreads) {
      yaml.fail(
          threads, where,
          fmt::format("'threads' is {}, expected at most {}", describe(threads), kMostThreads));
    }
  }
  if (const YAML::Node arrival = node["arrival"]) {
    if (!arrival.IsScalar() || (arrival.Scalar() != "constant" && arrival.Scalar() != "poisson")) {
      yaml.fail(arrival, where,
                fmt::format("'arrival' is {}, expected constant (evenly spaced requests) or "
                            "poisson (random arrivals at the same mean rate)",
                            describe(arrival)));
    }
    load.poisson = arrival.Scalar() == "poisson";
  }
  if (const YAML::Node warmup = node["warmup"])
    load.warmup = yaml.duration(warmup, "warmup", true);
  if (const YAML::Node ramp_up = node["ramp_up"]) {
    load.ramp_up = yaml.duration(ramp_up, "ramp_up", true);
    if (load.ramp_up >= load.warmup + load.duration) {
      yaml.fail(ramp_up, where,
                fmt::format("'ramp_up' is {}, expected less than the warm-up and duration ({})",
                            describe(ramp_up), util::format_duration(load.warmup + load.duration)));
    }
  }
  const double histogram_bytes = static_cast<double>(load.threads) * (load.duration + 3) *
                                 static_cast<double>(sizeof(LatencyHistogram));
  if (histogram_bytes > kMostHistogramBytes) {
    yaml.fail(
        node, where,
        fmt::format("the load's {} threads × {} would hold {} of per-second latency "
                    "histograms, expected at most {}: fewer threads or a shorter duration",
                    load.threads, util::format_duration(load.duration),
                    util::format_size(histogram_bytes), util::format_size(kMostHistogramBytes)));
  }
  if (const YAML::Node burst = node["burst"]) {
    load.burst = parse_burst(yaml, burst, where);
    const double end = load.burst->at + load.burst->duration;
    if (end > load.duration) {
      yaml.fail(burst, where,
                fmt::format("the burst ends at {} ('at' {} + 'duration' {}), after the run's "
                            "duration ({}), expected a burst inside the run",
                            util::format_duration(end), util::format_duration(load.burst->at),
                            util::format_duration(load.burst->duration),
                            util::format_duration(load.duration)));
    }
    if (load.warmup + load.burst->at < load.ramp_up) {
      yaml.fail(
          burst, where,
          fmt::format("the burst starts at {}, during the ramp-up (which ends {} after the "
                      "start of the warm-up), expected it after",
                      util::format_duration(load.burst->at), util::format_duration(load.ramp_up)));
    }
  }
  return load;
}

}  // namespace benchctl::suite
