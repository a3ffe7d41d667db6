#include "report/html_report.h"

#include <fmt/format.h>

#include "report/budget_report.h"
#include "report/comparison_report.h"
#include "report/history_report.h"
#include "report/html_assets.h"
#include "report/profile_report.h"
#include "report/run_summary.h"

namespace benchctl::report {

// The functions a page lists beside each flame graph.
constexpr std::size_t kHtmlTopFunctions = 15;
namespace {

constexpr const char* kSchema = "benchctl.html/1";

nlohmann::json page_data(const std::string& kind, const std::string& title) {
  return {{"schema", kSchema},
          {"kind", kind},
          {"title", title},
          {"generated_by", "benchctl " BENCHCTL_VERSION}};
}

// Collects what went wrong while the page ran, for the reader (a banner) and for tests (the
// body's data-status and data-errors). An alert() is counted too: only markup smuggled in through
// the data could call it.
constexpr const char* kErrorCapture = R"(<script>
window.benchctlErrors = [];
window.addEventListener('error', function (e) { benchctlErrors.push(String(e.message || e)); });
window.addEventListener('unhandledrejection', function (e) { benchctlErrors.push(String(e.reason)); });
(function () {
  var original = console.error;
  console.error = function () {
    benchctlErrors.push(Array.prototype.join.call(arguments, ' '));
    original.apply(console, arguments);
  };
})();
window.alert = function (message) { benchctlErrors.push('alert(' + message + ') ran'); };
</script>)";

constexpr const char* kStatus = R"(<script>
(function () {
  var errors = window.benchctlErrors;
  document.body.dataset.errors = String(errors.length);
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.status = errors.length ? 'failed' : 'ready';
  if (errors.length) {
    var banner = document.createElement('div');
    banner.className = 'failure-banner';
    banner.textContent = 'This report did not draw completely: ' + errors.join('; ');
    document.body.prepend(banner);
  }
})();
</script>)";

}  // namespace

nlohmann::json html_run_data(const analysis::AnalysedRun& run) {
  nlohmann::json data =
      page_data("run", fmt::format("benchctl · run {} · {}", run.run.id, run.run.suite_name));
  data["run"] = run_json(run);
  data["budgets"] = budgets_json(run.budgets);
  return data;
}

nlohmann::json html_comparison_data(const analysis::RunComparison& comparison,
                                    const analysis::AnalysedRun* run) {
  nlohmann::json data =
      page_data("comparison", fmt::format("benchctl · {} → {}", comparison.baseline.reference,
                                          comparison.current.reference));
  data["comparison"] = comparison_json(comparison);
  data["figures"] = nlohmann::json::object();
  for (const analysis::BenchmarkComparison& c : comparison.benchmarks) {
    if (c.standing == analysis::Standing::compared)
      data["figures"][c.name] = {{"baseline", c.baseline_figures}, {"current", c.current_figures}};
  }
  data["run"] = run != nullptr ? run_json(*run) : nlohmann::json();
  data["budgets"] =
      budgets_json(run != nullptr ? run->budgets : std::vector<analysis::BudgetJudgment>{});
  if (!comparison.profiles.empty())
    data["profiles"] = profiles_json(comparison.profiles, kHtmlTopFunctions)["profiles"];
  return data;
}

nlohmann::json html_profile_data(const std::vector<analysis::BenchmarkProfile>& profiles) {
  nlohmann::json data =
      page_data("profile", fmt::format("benchctl profile · {} benchmark{}", profiles.size(),
                                       profiles.size() == 1 ? "" : "s"));
  data["profiles"] = profiles_json(profiles, kHtmlTopFunctions)["profiles"];
  return data;
}

nlohmann::json html_history_data(const analysis::History& history) {
  nlohmann::json data = page_data(
      "history",
      fmt::format("benchctl history · {} · {} runs", history.machine.host, history.runs.size()));
  data["history"] = history_json(history);
  return data;
}

std::string script_safe_json(const nlohmann::json& data) {
  // ensure_ascii escapes U+2028 and U+2029 as well, which old parsers took for line ends.
  const std::string text = data.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size() + text.size() / 64);
  for (const char c : text) {
    switch (c) {
      case '<':
        safe += "\\u003c";
        break;
      case '>':
        safe += "\\u003e";
        break;
      case '&':
        safe += "\\u0026";
        break;
      default:
        safe += c;
    }
  }
  return safe;
}

std::string render_html(nlohmann::json data, const std::string& generated_at) {
  data["generated_at"] = generated_at;
  std::string page = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>benchctl report</title>
<style>
)";
  page += report_css();
  page += "</style>\n";
  page += kErrorCapture;
  page += "\n</head>\n<body data-status=\"loading\">\n<main id=\"report\"></main>\n";
  page += "<script type=\"application/json\" id=\"benchctl-data\">";
  page += script_safe_json(data);
  page += "</script>\n<script>\n";
  page += chart_js();
  page += "\n</script>\n<script>\n";
  page += report_js();
  page += "\n</script>\n";
  page += kStatus;
  page += "\n</body>\n</html>\n";
  return page;
}

}  // namespace benchctl::report
