// The files an HTML report inlines: Chart.js (Debian's libjs-chart.js) and the report's own
// script and style (report/html/). They are embedded at build time into benchctl-html.so
// (report/html_embedded.cpp), which is loaded on first use from next to the executable or the
// install's libexec folder: 240 KB that every other start of benchctl does without.
#pragma once

#include <string_view>

namespace benchctl::report {

// Each throws Error when the module is missing or cannot be loaded.
std::string_view chart_js();
std::string_view report_js();
std::string_view report_css();

}  // namespace benchctl::report
