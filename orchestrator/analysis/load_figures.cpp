#include "analysis/load_figures.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/linear_fit.h"
#include "stats/summary.h"
#include "util/enum_names.h"
#include "util/random.h"

namespace benchctl::analysis {
namespace {

constexpr int kResamples = 1000;
constexpr std::uint64_t kSeed = 0x10ad;
constexpr double kRecoveryFactor = 1.5;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr util::EnumNames<LoadPhase, 5> kPhaseNames{{{LoadPhase::ramp_up, "ramp-up"},
                                                     {LoadPhase::steady, "steady"},
                                                     {LoadPhase::burst, "burst"},
                                                     {LoadPhase::recovery, "recovery"},
                                                     {LoadPhase::drain, "drain"}}};

// Quantiles of merged histograms, fast enough to bootstrap: each distinct bucket of the pool's
// histograms gets a dense index, so that merging a resample is a pass of additions.
class HistogramPool {
 public:
  explicit HistogramPool(const std::vector<const store::LatencyBuckets*>& histograms) {
    for (const store::LatencyBuckets* histogram : histograms) {
      for (const auto& [nanoseconds, count] : histogram->buckets)
        values_.push_back(nanoseconds);
    }
    std::sort(values_.begin(), values_.end());
    values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
    for (const store::LatencyBuckets* histogram : histograms) {
      auto& entries = entries_.emplace_back();
      for (const auto& [nanoseconds, count] : histogram->buckets) {
        const auto index = static_cast<std::size_t>(
            std::lower_bound(values_.begin(), values_.end(), nanoseconds) - values_.begin());
        entries.emplace_back(index, count);
      }
      max_.push_back(histogram->max_ns);
    }
  }

  std::size_t size() const { return entries_.size(); }

  // The nearest-rank quantile (as LatencyHistogram computes it) in seconds at each fraction of
  // the merged histograms of `chosen`, 1 giving the maximum; NaN when they are empty.
  std::vector<double> quantiles(const std::vector<std::size_t>& chosen,
                                const std::vector<double>& fractions) const {
    std::vector<std::uint64_t> counts(values_.size());
    std::uint64_t total = 0, max = 0;
    for (const std::size_t histogram : chosen) {
      for (const auto& [index, count] : entries_[histogram]) {
        counts[index] += count;
        total += count;
      }
      max = std::max(max, max_[histogram]);
    }
    std::vector<double> result;
    for (const double fraction : fractions) {
      if (total == 0) {
        result.push_back(kNaN);
        continue;
      }
      if (fraction >= 1) {
        result.push_back(static_cast<double>(max) * 1e-9);
        continue;
      }
      const auto rank = static_cast<std::uint64_t>(fraction * static_cast<double>(total - 1) + 0.5);
      std::uint64_t seen = 0;
      for (std::size_t index = 0; index < counts.size(); ++index) {
        seen += counts[index];
        if (seen > rank) {
          result.push_back(static_cast<double>(std::min(values_[index], max)) * 1e-9);
          break;
        }
      }
    }
    return result;
  }

  std::vector<double> quantiles(const std::vector<double>& fractions) const {
    std::vector<std::size_t> all(size());
    for (std::size_t i = 0; i < all.size(); ++i)
      all[i] = i;
    return quantiles(all, fractions);
  }

 private:
  std::vector<std::uint64_t> values_;
  std::vector<std::vector<std::pair<std::size_t, std::uint64_t>>> entries_;
  std::vector<std::uint64_t> max_;
};

std::vector<std::size_t> resample(const std::vector<std::size_t>& from, util::SplitMix64& random) {
  std::vector<std::size_t> drawn(from.size());
  for (std::size_t& d : drawn)
    d = from[random.below(from.size())];
  return drawn;
}

stats::Interval percentile_interval(std::vector<double> values, double confidence) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty())
    return {kNaN, kNaN};
  return {stats::percentile(values, 100 * (1 - confidence) / 2),
          stats::percentile(values, 100 * (1 + confidence) / 2)};
}

double rate_of(const store::Sample& sample, const char* counter) {
  const auto found = sample.counters.find(counter);
  return found == sample.counters.end() ? 0 : found->second;
}

// Each second's phase, before recoveries are found.
LoadPhase phase_of(const store::LoadSpec& spec, int second) {
  const double start = second, end = second + 1;
  if (end > spec.duration + 1e-9)
    return LoadPhase::drain;
  if (spec.burst && start < spec.burst->at + spec.burst->duration && end > spec.burst->at)
    return LoadPhase::burst;
  if (start < spec.ramp_up - spec.warmup)
    return LoadPhase::ramp_up;
  return LoadPhase::steady;
}

// A second of a process, with where its histogram is in the pool of seconds.
struct SecondRef {
  std::size_t process = 0;
  std::size_t sample = 0;
  std::size_t pooled = 0;
};

// A load result's processes and their seconds, as the figures below read them. One random source
// serves every resampling, in a fixed order, so that the figures repeat exactly.
struct LoadSeconds {
  std::vector<const store::ProcessRecord*> processes;  // those with a load record
  std::vector<SecondRef> refs;                         // every second whose histogram is kept
  std::vector<const store::LatencyBuckets*> pooled;    // those histograms, in refs' order
  util::SplitMix64 random{kSeed};

  const store::Sample& sample(const SecondRef& ref) const {
    return processes[ref.process]->samples[ref.sample];
  }
};

// Totals and the whole runs' histograms; collects the seconds that kept theirs.
std::vector<const store::LatencyBuckets*> add_totals(LoadFigures& f, LoadSeconds& seconds) {
  std::vector<const store::LatencyBuckets*> whole_runs, schedule_errors;
  for (std::size_t p = 0; p < seconds.processes.size(); ++p) {
    const store::LoadRecord& load = *seconds.processes[p]->load;
    f.intended += load.intended;
    f.sent += load.sent;
    f.completed += load.completed;
    f.errors += load.errors;
    f.late += load.late;
    f.dropped += load.dropped;
    if (f.first_error.empty())
      f.first_error = load.first_error;
    whole_runs.push_back(&load.latency);
    schedule_errors.push_back(&load.schedule_error);
    // Seconds whose samples were pruned have no histograms left.
    if (load.seconds.size() == seconds.processes[p]->samples.size()) {
      for (std::size_t s = 0; s < load.seconds.size(); ++s) {
        seconds.refs.push_back({p, s, seconds.pooled.size()});
        seconds.pooled.push_back(&load.seconds[s]);
      }
    }
  }
  if (f.intended > 0)
    f.success_rate = static_cast<double>(f.completed - f.errors) / static_cast<double>(f.intended);
  f.schedule_error_p99 = HistogramPool(schedule_errors).quantiles({0.99}).front();
  if (std::isnan(*f.schedule_error_p99))
    f.schedule_error_p99.reset();
  return whole_runs;
}

// Latency percentiles and the mean: the values from the whole runs, the intervals from a
// bootstrap over the seconds.
void add_latencies(LoadFigures& f, LoadSeconds& seconds, const HistogramPool& seconds_pool,
                   const std::vector<const store::LatencyBuckets*>& whole_runs, double confidence) {
  const std::vector<double> fractions = {0.50, 0.90, 0.95, 0.99, 0.999, 1.0};
  const std::vector<double> values = HistogramPool(whole_runs).quantiles(fractions);
  std::vector<std::size_t> all_seconds;
  for (std::size_t i = 0; i < seconds_pool.size(); ++i)
    all_seconds.push_back(i);
  std::vector<std::vector<double>> drawn(fractions.size() + 1);
  for (int r = 0; r < kResamples && !all_seconds.empty(); ++r) {
    const std::vector<std::size_t> chosen = resample(all_seconds, seconds.random);
    const std::vector<double> q = seconds_pool.quantiles(chosen, fractions);
    for (std::size_t i = 0; i < q.size(); ++i)
      drawn[i].push_back(q[i]);
    double sum = 0, count = 0;
    for (const std::size_t c : chosen) {
      const store::Sample& sample = seconds.sample(seconds.refs[c]);
      sum += sample.real_seconds.value_or(0);
      count += static_cast<double>(sample.iterations);
    }
    drawn.back().push_back(count > 0 ? sum / count : kNaN);
  }
  auto figure = [&](double value, std::size_t index) {
    LoadFigure made{value, std::nullopt};
    if (!drawn[index].empty()) {
      const stats::Interval interval = percentile_interval(drawn[index], confidence);
      if (!std::isnan(interval.low))
        made.interval = interval;
    }
    return made;
  };
  if (f.completed == 0 || std::isnan(values.front()))
    return;
  f.p50 = figure(values[0], 0);
  f.p90 = figure(values[1], 1);
  f.p95 = figure(values[2], 2);
  f.p99 = figure(values[3], 3);
  f.p999 = figure(values[4], 4);
  f.max = figure(values[5], 5);
  double sum = 0, count = 0;
  for (const store::ProcessRecord* process : seconds.processes) {
    for (const store::Sample& sample : process->samples) {
      sum += sample.real_seconds.value_or(0);
      count += static_cast<double>(sample.iterations);
    }
  }
  if (count > 0)
    f.mean = figure(sum / count, fractions.size());
}

// After a burst: how long until every process's p99 is back near its level before, the seconds
// until then marked as recovery.
void add_recovery(LoadFigures& f, const LoadSeconds& seconds, const HistogramPool& seconds_pool,
                  std::vector<LoadPhase>& phases) {
  const std::vector<SecondRef>& refs = seconds.refs;
  const double burst_start = f.scenario.burst->at;
  const double burst_end = burst_start + f.scenario.burst->duration;
  std::vector<std::size_t> before;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (phases[i] == LoadPhase::steady && static_cast<double>(refs[i].sample) + 1 <= burst_start)
      before.push_back(refs[i].pooled);
  }
  const double level = before.empty() ? kNaN : seconds_pool.quantiles(before, {0.99}).front();
  if (std::isnan(level))
    return;
  double slowest = 0;
  for (std::size_t p = 0; p < seconds.processes.size(); ++p) {
    bool back = false;
    for (std::size_t i = 0; i < refs.size(); ++i) {
      if (refs[i].process != p || static_cast<double>(refs[i].sample) < burst_end ||
          phases[i] == LoadPhase::drain || back)
        continue;
      const double p99 = seconds_pool.quantiles({refs[i].pooled}, {0.99}).front();
      if (!std::isnan(p99) && p99 <= kRecoveryFactor * level) {
        back = true;
        slowest = std::max(slowest, static_cast<double>(refs[i].sample) - burst_end);
      } else {
        phases[i] = LoadPhase::recovery;
      }
    }
    if (!back) {
      f.recovered = false;
      slowest = std::max(slowest, f.scenario.duration - burst_end);
    }
  }
  f.recovery_time = std::max(0.0, slowest);
}

// The per-second series, and what the steady seconds give: the achieved rate and the resident
// set's slope. Returns each process's steady seconds (their places in the pool).
std::vector<std::vector<std::size_t>> add_seconds(LoadFigures& f, const LoadSeconds& seconds,
                                                  const HistogramPool& seconds_pool,
                                                  const std::vector<LoadPhase>& phases,
                                                  double confidence) {
  const std::vector<SecondRef>& refs = seconds.refs;
  std::vector<std::vector<double>> successes;  // one group per steady second
  std::vector<std::vector<stats::Point>> rss(seconds.processes.size());
  std::vector<std::vector<std::size_t>> steady(seconds.processes.size());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const store::Sample& sample = seconds.sample(refs[i]);
    LoadSecondFigures s;
    s.process = seconds.processes[refs[i].process]->index;
    s.second = static_cast<int>(refs[i].sample);
    s.phase = phases[i];
    s.sent = rate_of(sample, "sent");
    s.completed = static_cast<double>(sample.iterations);
    s.errors = rate_of(sample, "errors");
    s.late = rate_of(sample, "late");
    s.backlog = rate_of(sample, "backlog");
    if (sample.counters.contains("rss_bytes"))
      s.rss_bytes = sample.counters.at("rss_bytes");
    s.cpu_seconds = sample.cpu_seconds;
    if (sample.iterations > 0) {
      const std::vector<double> q =
          seconds_pool.quantiles({refs[i].pooled}, {0.50, 0.90, 0.99, 1.0});
      s.p50 = q[0];
      s.p90 = q[1];
      s.p99 = q[2];
      s.max = q[3];
    }
    f.max_backlog = std::max(f.max_backlog, s.backlog);
    if (s.phase == LoadPhase::steady) {
      ++f.steady_seconds;
      successes.push_back({s.completed - s.errors});
      if (s.rss_bytes)
        rss[refs[i].process].push_back({static_cast<double>(s.second), *s.rss_bytes});
      steady[refs[i].process].push_back(refs[i].pooled);
    }
    f.seconds.push_back(s);
  }
  if (!successes.empty()) {
    std::vector<double> all;
    for (const auto& one : successes)
      all.push_back(one.front());
    LoadFigure achieved{stats::mean(all), std::nullopt};
    if (successes.size() > 1) {
      achieved.interval = stats::bootstrap_pooled_statistic(
          successes, [](std::vector<double> v) { return stats::mean(v); }, confidence);
    }
    f.achieved_rate = achieved;
  }
  if (const auto slope = stats::fit_slope(rss, confidence)) {
    f.rss_slope = LoadFigure{slope->value * 60,
                             stats::Interval{slope->interval.low * 60, slope->interval.high * 60}};
  }
  return steady;
}

// Degradation: the median latency of the last steady window over the first's.
void add_degradation(LoadFigures& f, LoadSeconds& seconds, const HistogramPool& seconds_pool,
                     const std::vector<std::vector<std::size_t>>& steady, double confidence) {
  std::size_t shortest = std::numeric_limits<std::size_t>::max();
  for (const auto& process_seconds : steady)
    shortest = std::min(shortest, process_seconds.size());
  if (shortest < 2)
    return;
  const std::size_t window = std::max<std::size_t>(1, shortest / 5);
  std::vector<std::size_t> first, last;
  for (const auto& process_seconds : steady) {
    first.insert(first.end(), process_seconds.begin(),
                 process_seconds.begin() + static_cast<long>(window));
    last.insert(last.end(), process_seconds.end() - static_cast<long>(window),
                process_seconds.end());
  }
  const double from = seconds_pool.quantiles(first, {0.5}).front();
  const double to = seconds_pool.quantiles(last, {0.5}).front();
  if (std::isnan(from) || std::isnan(to) || from <= 0)
    return;
  std::vector<double> ratios;
  for (int r = 0; r < kResamples; ++r) {
    const double a = seconds_pool.quantiles(resample(first, seconds.random), {0.5}).front();
    const double b = seconds_pool.quantiles(resample(last, seconds.random), {0.5}).front();
    ratios.push_back(a > 0 ? b / a - 1 : kNaN);
  }
  LoadFigure degradation{to / from - 1, std::nullopt};
  const stats::Interval interval = percentile_interval(ratios, confidence);
  if (!std::isnan(interval.low))
    degradation.interval = interval;
  f.degradation = degradation;
}

}  // namespace

std::string to_string(LoadPhase phase) {
  return util::name_of(kPhaseNames, phase);
}

std::optional<LoadFigures> compute_load_figures(const store::ResultRecord& result,
                                                double confidence) {
  if (result.kind != store::ResultKind::load || !result.settings.load)
    return std::nullopt;
  LoadFigures f;
  f.scenario = *result.settings.load;
  LoadSeconds seconds;
  for (const store::ProcessRecord& process : result.processes) {
    if (process.load)
      seconds.processes.push_back(&process);
  }
  if (seconds.processes.empty())
    return std::nullopt;
  const std::vector<const store::LatencyBuckets*> whole_runs = add_totals(f, seconds);
  const HistogramPool seconds_pool(seconds.pooled);
  add_latencies(f, seconds, seconds_pool, whole_runs, confidence);
  if (seconds.refs.empty())
    return f;
  std::vector<LoadPhase> phases;
  for (const SecondRef& ref : seconds.refs)
    phases.push_back(phase_of(f.scenario, static_cast<int>(ref.sample)));
  if (f.scenario.burst)
    add_recovery(f, seconds, seconds_pool, phases);
  const auto steady = add_seconds(f, seconds, seconds_pool, phases, confidence);
  add_degradation(f, seconds, seconds_pool, steady, confidence);
  return f;
}

}  // namespace benchctl::analysis
