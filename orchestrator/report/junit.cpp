#include "report/junit.h"

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "util/error.h"

namespace benchctl::report {
namespace {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters other than tab and newlines are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string render_junit(const std::string& suite_name, const std::vector<JunitCase>& cases) {
  const auto failures = std::count_if(cases.begin(), cases.end(),
                                      [](const JunitCase& c) { return !c.failure.empty(); });
  const auto skipped =
      std::count_if(cases.begin(), cases.end(), [](const JunitCase& c) { return c.skipped; });
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"benchctl\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
                     cases.size(), failures, skipped);
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
                     xml_escape(suite_name), cases.size(), failures, skipped);
  for (const JunitCase& c : cases) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\">", xml_escape(c.classname),
                       xml_escape(c.name));
    if (!c.failure.empty()) {
      out += fmt::format("<failure message=\"{}\"/>", xml_escape(c.failure));
    } else if (c.skipped) {
      out += "<skipped/>";
    }
    if (!c.detail.empty())
      out += fmt::format("<system-out>{}</system-out>", xml_escape(c.detail));
    out += "</testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !(out << text) || !out.flush()) {
    throw InputError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
}

}  // namespace benchctl::report
