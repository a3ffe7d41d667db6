// The files an HTML report inlines, in benchctl-html.so (report/html_assets.h loads it).
// Each file is included byte for byte by the assembler (.incbin): no generated source, and a
// 200 KB library costs nothing to compile. BENCHCTL_*_FILE are absolute paths set by CMake.
#include <cstddef>
#include <string_view>

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

// The module's one entry point: the file called `name` (chart.js, report.js or report.css), its
// size in `*size`; null for any other name.
extern "C" __attribute__((visibility("default"))) const char* benchctl_html_asset(
    const char* name, std::size_t* size) {
  const std::string_view wanted(name);
  const char* begin = nullptr;
  const char* end = nullptr;
  if (wanted == "chart.js") {
    begin = benchctl_chart_js_begin;
    end = benchctl_chart_js_end;
  } else if (wanted == "report.js") {
    begin = benchctl_report_js_begin;
    end = benchctl_report_js_end;
  } else if (wanted == "report.css") {
    begin = benchctl_report_css_begin;
    end = benchctl_report_css_end;
  }
  *size = static_cast<std::size_t>(end - begin);
  return begin;
}
