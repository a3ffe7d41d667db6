// `benchctl alerts`: the alerts of a database (list), one alert with its changes and the states it
// went through (show), and the digest of a scan (what is new or changed state since the last
// one), as a terminal table, Markdown, CSV or JSON ("benchctl.alerts/1").
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/alerts.h"
#include "report/format.h"
#include "store/alerts.h"

namespace benchctl::report {

std::string render_alert_list(const std::vector<store::Alert>& alerts, Format format);
std::string render_alert(const store::Alert& alert, Format format);
std::string render_alert_digest(const std::vector<analysis::DigestEntry>& digest, Format format);
nlohmann::json alert_json(const store::Alert& alert);

}  // namespace benchctl::report
