// `benchctl doctor`: one line per check (status, what was found, what to do), and what --tune or
// --reset wrote (terminal, Markdown, CSV, JSON "benchctl.doctor/1" and "benchctl.tuning/1").
#pragma once

#include <string>
#include <vector>

#include "report/format.h"
#include "workflow/doctor.h"
#include "workflow/machine_tuning.h"

namespace benchctl::report {

std::string render_examination(const workflow::Examination& examination, Format format,
                               const Style& style = {});

// `action`: "tuned" or "reset".
std::string render_tuning(const std::vector<workflow::TuneChange>& changes,
                          const std::string& action, Format format);

}  // namespace benchctl::report
