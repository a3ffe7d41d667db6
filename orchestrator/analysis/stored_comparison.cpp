#include "analysis/stored_comparison.h"

#include <algorithm>
#include <set>

#include "analysis/alerts.h"

namespace benchctl::analysis {
namespace {

std::vector<store::RunRecord> load_side(store::Store& store, const StoredSide& side) {
  std::vector<std::int64_t> ids = side.run_ids;
  std::sort(ids.begin(), ids.end());
  std::vector<store::RunRecord> runs;
  for (const std::int64_t id : ids)
    runs.push_back(store.load_run(id, {compared_counters(), false}));
  return runs;
}

}  // namespace

NoiseModel noise_for(store::Store& store, const std::vector<store::RunRecord>& current,
                     std::int64_t baseline_run, const std::vector<std::int64_t>& excluded) {
  const store::RunRecord& newest = current.back();
  std::set<std::string> names;
  for (const store::RunRecord& run : current) {
    for (const store::ResultRecord& result : run.results)
      names.insert(result.name);
  }
  store::HistoryQuery query;
  query.names.assign(names.begin(), names.end());
  query.host = newest.environment.series().host;
  query.cpu_model = newest.environment.series().cpu_model;
  query.before_run = std::max(baseline_run, newest.id) + 1;
  query.newest_runs = static_cast<int>(kHistoryWindow + excluded.size());
  query.left_out_runs = excluded;
  std::vector<store::HistoryPoint> points = store.load_history(query);
  // An accepted alert's benchmarks start anew at its change: their older runs are another level.
  store::AlertQuery accepted;
  accepted.suite = newest.suite_name;
  accepted.host = query.host;
  accepted.cpu_model = query.cpu_model;
  const auto starts = series_starts(store.list_alerts(accepted));
  std::erase_if(points, [&](const store::HistoryPoint& point) {
    const auto start = starts.find(point.name);
    return start != starts.end() && point.run_id < start->second;
  });
  return NoiseModel::from_history(points, current, baseline_run, newest.id);
}

RunComparison compare_stored(store::Store& store, const StoredSide& baseline,
                             const StoredSide& current, const std::optional<std::regex>& filter) {
  const auto before = load_side(store, baseline);
  const auto after = load_side(store, current);
  if (before.size() == 1 && after.size() == 1 && paired(before.front(), after.front())) {
    return compare_pairs(before.front(), baseline.reference, after.front(), current.reference,
                         filter);
  }
  std::vector<std::int64_t> compared = baseline.run_ids;
  compared.insert(compared.end(), current.run_ids.begin(), current.run_ids.end());
  return compare_runs(before, baseline.reference, after, current.reference, filter,
                      noise_for(store, after, before.back().id, compared));
}

}  // namespace benchctl::analysis
