#include "workflow/series_history.h"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/alerts.h"
#include "util/error.h"

namespace benchctl::workflow {

analysis::History load_series_history(store::Store& store, SeriesRequest request) {
  std::vector<store::Machine> machines = store.machines(request.suite);
  if (machines.empty()) {
    throw InputError(fmt::format("no complete runs{} in {}",
                                 request.suite ? " of suite '" + *request.suite + "'" : "",
                                 request.database));
  }
  auto shown = machines.begin();
  if (!request.host.empty()) {
    shown = std::find_if(machines.begin(), machines.end(),
                         [&](const store::Machine& m) { return m.host == request.host; });
    if (shown == machines.end()) {
      std::string hosts;
      for (const auto& m : machines)
        hosts += (hosts.empty() ? "" : ", ") + m.host;
      throw InputError(fmt::format("history --machine '{}': no runs from that host (hosts: {})",
                                   request.host, hosts));
    }
  }
  const store::Machine series = *shown;
  machines.erase(shown);

  store::HistoryQuery query;
  query.host = series.host;
  query.cpu_model = series.cpu_model;
  query.suite = request.suite;
  if (request.suite) {
    store::AlertQuery series_alerts;
    series_alerts.suite = request.suite;
    series_alerts.host = series.host;
    series_alerts.cpu_model = series.cpu_model;
    const std::vector<store::Alert> alerts = store.list_alerts(series_alerts);
    request.options.series_starts = request.from_open_alerts ? analysis::open_alert_starts(alerts)
                                                             : analysis::series_starts(alerts);
  }
  analysis::History history =
      analysis::analyse_history(store.load_history(query), series, machines, request.options);
  if (history.benchmarks.empty())
    throw InputError("history: no timed benchmarks in the runs selected");
  return history;
}

}  // namespace benchctl::workflow
