// The HTML page's safety: the embedded data cannot close its script element whatever the names
// hold, and the inlined files cannot either. (What the page draws: tests/e2e/html_report_test.)
#include "report/html_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "report/html_assets.h"

namespace benchctl::report {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

TEST(HtmlReport, DataWithMarkupCannotLeaveItsScriptElement) {
  const nlohmann::json data = {
      {"name", "</script><script>alert(1)</script>"}, {"comment", "<!-- a & b -->"},
      {"separators", "line\u2028paragraph\u2029end"}, {"unicode", "µs → ✅"},
      {"broken", std::string("\xff\xfe", 2)},
  };
  const std::string safe = script_safe_json(data);
  for (const char* forbidden : {"<", ">", "&", "\u2028", "\u2029"})
    EXPECT_EQ(safe.find(forbidden), std::string::npos) << forbidden;
  const nlohmann::json back = nlohmann::json::parse(safe);
  EXPECT_EQ(back["name"], data["name"]);
  EXPECT_EQ(back["comment"], data["comment"]);
  EXPECT_EQ(back["separators"], data["separators"]);
  EXPECT_EQ(back["unicode"], data["unicode"]);
  EXPECT_EQ(back["broken"], "\ufffd\ufffd") << "invalid UTF-8 is replaced, not refused";
}

TEST(HtmlReport, TheInlinedFilesCannotCloseTheirElements) {
  EXPECT_NE(chart_js().find("Chart.js v3"), std::string_view::npos) << "Debian's libjs-chart.js";
  EXPECT_NE(report_js().find("benchctl-data"), std::string_view::npos);
  EXPECT_NE(report_css().find(".badge"), std::string_view::npos);
  for (const std::string_view script : {chart_js(), report_js()}) {
    EXPECT_EQ(lower(script).find("</script"), std::string::npos);
    EXPECT_EQ(script.find("<!--"), std::string_view::npos);
  }
  EXPECT_EQ(lower(report_css()).find("</style"), std::string::npos);
}

TEST(HtmlReport, APageHoldsOneDataElementAndNoRequestForTheNetwork) {
  const std::string page = render_html({{"kind", "run"}, {"title", "<b>t</b>"}}, "now");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  const std::string open = "<script type=\"application/json\" id=\"benchctl-data\">";
  const auto first = page.find(open);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(page.find(open, first + 1), std::string::npos);
  EXPECT_EQ(page.find("<b>t</b>"), std::string::npos);
  for (const char* remote : {"src=\"http", "href=\"http", "src=\"//", "@import"})
    EXPECT_EQ(page.find(remote), std::string::npos) << remote;
}

}  // namespace
}  // namespace benchctl::report
