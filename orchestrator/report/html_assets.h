// The files an HTML report inlines, embedded into benchctl at build time: Chart.js (Debian's
// libjs-chart.js) and the report's own script and style (report/html/).
#pragma once

#include <string_view>

namespace benchctl::report {

std::string_view chart_js();
std::string_view report_js();
std::string_view report_css();

}  // namespace benchctl::report
