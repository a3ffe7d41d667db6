// Random (version 4) UUIDs: "1b4e28ba-2fa1-41d2-883f-0016d3cca427".
#pragma once

#include <string>

namespace benchctl::util {

// From the kernel's random source (getrandom). Throws Error when it cannot be read.
std::string random_uuid();

}  // namespace benchctl::util
