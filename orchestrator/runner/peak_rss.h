// Resident memory of the current process, peak and current, measured from inside (see DESIGN:
// wait4's ru_maxrss reports the parent's size for a child forked from a large parent).
#pragma once

#include <cstdint>
#include <optional>

namespace benchctl::runner {

// Resets the high-water mark to the current RSS (writes 5 to /proc/self/clear_refs).
void reset_peak_rss();

// VmHWM from /proc/self/status, in bytes.
std::optional<std::int64_t> peak_rss_bytes();

// VmRSS from /proc/self/status, in bytes: the resident set now.
std::optional<std::int64_t> current_rss_bytes();

}  // namespace benchctl::runner
