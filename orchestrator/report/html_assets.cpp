#include "report/html_assets.h"

// Each file is included byte for byte by the assembler (.incbin): no generated source, and a
// 200 KB library costs nothing to compile. BENCHCTL_*_FILE are absolute paths set by CMake.
#define BENCHCTL_EMBED(symbol, file)                                        \
  __asm__(                                                                  \
      ".pushsection .rodata\n"                                              \
      ".global " #symbol "_begin\n" #symbol "_begin:\n.incbin \"" file      \
      "\"\n"                                                                \
      ".global " #symbol "_end\n" #symbol "_end:\n.byte 0\n.popsection\n"); \
  extern "C" const char symbol##_begin[];                                   \
  extern "C" const char symbol##_end[];

BENCHCTL_EMBED(benchctl_chart_js, BENCHCTL_CHART_JS_FILE)
BENCHCTL_EMBED(benchctl_report_js, BENCHCTL_REPORT_JS_FILE)
BENCHCTL_EMBED(benchctl_report_css, BENCHCTL_REPORT_CSS_FILE)

namespace benchctl::report {

std::string_view chart_js() {
  return {benchctl_chart_js_begin, benchctl_chart_js_end};
}
std::string_view report_js() {
  return {benchctl_report_js_begin, benchctl_report_js_end};
}
std::string_view report_css() {
  return {benchctl_report_css_begin, benchctl_report_css_end};
}

}  // namespace benchctl::report
