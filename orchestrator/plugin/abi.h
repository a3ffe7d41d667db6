// Which plugin ABIs this benchctl loads: the same major version, a minor version no newer than its
// own (as GStreamer, OBS and Qt judge theirs). The worker checks a plugin it loads; the parent
// checks the ABI a stored build recorded before it writes the build out.
#pragma once

#include <cstdint>
#include <string>

namespace benchctl::plugin {

// Why a plugin of this ABI cannot be loaded; empty when it can.
std::string abi_incompatibility(std::uint32_t major, std::uint32_t minor);
// The same for an ABI as stored ("1.2"); a text that is not MAJOR.MINOR is incompatible.
std::string abi_incompatibility(const std::string& abi);

}  // namespace benchctl::plugin
